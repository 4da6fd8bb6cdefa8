//! Photos that people attach to a report: checked, decoded within limits, turned upright,
//! shrunk and re-encoded, so that the original bytes are never kept or served.
//!
//! Why each step:
//!
//! - **Privacy.** A phone photo carries EXIF metadata: GPS position, time, camera model and
//!   serial number. The person who reports a complaint may not know it is there. Re-encoding
//!   the decoded pixels with `jpeg-encoder` writes no EXIF, XMP or ICC data, so nothing but the
//!   picture survives; the tests check the stored bytes.
//! - **Hostile files.** A small file can declare a huge image (a decompression bomb: a
//!   PNG of a few hundred bytes declaring 30,000 x 30,000 px would need 2.7 GB). The `image`
//!   crate charges its memory limit only in `ImageReader::decode`, not on the
//!   `into_decoder` + `DynamicImage::from_decoder` path that can read the EXIF orientation
//!   (see `STACK.md`), so [`process`] sets width and height limits, refuses more than
//!   [`MAX_PIXELS`], and reserves the output buffer against [`MAX_DECODE_BYTES`] itself
//!   before decoding. The real format is sniffed from the first bytes, so an SVG or HTML
//!   file renamed `.jpg` is refused, and a claimed type that contradicts the bytes is refused.
//!   A polyglot (a PNG with a ZIP appended) decodes as the PNG it starts with; only its pixels
//!   are re-encoded, so the appended archive is never stored.
//! - **Fair sharing.** Decoding is blocking CPU work. [`PhotoGate`] runs it on threads of
//!   its own at the lowest CPU priority, within a budget of decoded pixels at once
//!   ([`DECODE_BUDGET_MEGAPIXELS`], not one decode per core), so uploads can neither slow
//!   page rendering on the async workers nor add up to unbounded memory.
//!
//! Memory, per decode: the decoded image (at most [`MAX_DECODE_BYTES`]), one converted copy when
//! the source is not 8-bit RGB, and the resize's working buffers. The image is shrunk before it
//! is rotated, so rotating costs only the small copy. Measured peaks: about 120 MB for a
//! 12-megapixel photo, 235 MB for a 50-megapixel baseline JPEG, 305 MB progressive.

use fast_image_resize as fr;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use std::io::Cursor;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Largest file accepted, in bytes (10 MiB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Largest width or height accepted, in pixels.
pub const MAX_DIMENSION: u32 = 12_000;
/// Largest number of pixels accepted (50 megapixels).
pub const MAX_PIXELS: u64 = 50_000_000;
/// Largest decoded image buffer, in bytes (256 MiB).
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// Longest edge of the stored display copy, in pixels.
pub const DISPLAY_EDGE: u32 = 1600;
/// Longest edge of the stored thumbnail, in pixels.
pub const THUMB_EDGE: u32 = 400;
/// JPEG quality of both stored copies.
const JPEG_QUALITY: u8 = 82;
/// A JPEG declaring more pixels than this many per byte of file cannot hold its image.
const MIN_JPEG_PIXELS_PER_BYTE: u64 = 1024;

/// Why a photo was refused. Each reason is shown to the person as a field error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than [`MAX_BYTES`].
    #[error("the file is larger than 10 MB")]
    TooLarge,
    /// The bytes are not a JPEG, PNG or still WebP image (or the claimed type is none of those).
    #[error("not a JPEG, PNG or still WebP image")]
    UnsupportedType,
    /// The claimed type (from the browser, usually from the file name) contradicts the bytes.
    #[error("the file's contents do not match its type")]
    TypeMismatch,
    /// The image is truncated or corrupt and cannot be decoded.
    #[error("the image cannot be read")]
    Unreadable,
    /// The image declares more pixels or a larger decoded size than allowed.
    #[error("the image has too many pixels")]
    TooManyPixels,
}

impl PhotoError {
    /// The Fluent message id of the field error shown to the person.
    pub fn message_id(&self) -> &'static str {
        match self {
            Self::Empty => "photo-error-empty",
            Self::TooLarge => "photo-error-too-large",
            Self::UnsupportedType => "photo-error-type",
            Self::TypeMismatch => "photo-error-type-mismatch",
            Self::Unreadable => "photo-error-unreadable",
            Self::TooManyPixels => "photo-error-dimensions",
        }
    }
}

/// A photo ready to store: two JPEG copies made from the decoded pixels, upright, without
/// metadata. The original bytes are not part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedPhoto {
    /// JPEG bytes of the display copy (longest edge at most [`DISPLAY_EDGE`], never enlarged).
    pub display: Vec<u8>,
    /// Width of the display copy in pixels.
    pub display_width: u32,
    /// Height of the display copy in pixels.
    pub display_height: u32,
    /// JPEG bytes of the thumbnail (longest edge at most [`THUMB_EDGE`], never enlarged).
    pub thumb: Vec<u8>,
    /// Width of the thumbnail in pixels.
    pub thumb_width: u32,
    /// Height of the thumbnail in pixels.
    pub thumb_height: u32,
    /// Media type of both copies: always `image/jpeg`.
    pub content_type: &'static str,
}

/// The formats accepted, as sniffed from the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jpeg,
    Png,
    WebP,
}

impl Kind {
    fn format(self) -> ImageFormat {
        match self {
            Self::Jpeg => ImageFormat::Jpeg,
            Self::Png => ImageFormat::Png,
            Self::WebP => ImageFormat::WebP,
        }
    }
}

/// The format the bytes really are, from their magic numbers.
fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(Kind::Png)
    } else if bytes.len() >= 16 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(Kind::WebP)
    } else {
        None
    }
}

/// The format a claimed media type names. No claim, an empty one and
/// `application/octet-stream` (what browsers send when they do not know) claim nothing.
fn claimed_kind(claimed: Option<&str>) -> Result<Option<Kind>, PhotoError> {
    let Some(claimed) = claimed else {
        return Ok(None);
    };
    let essence = claimed
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "" | "application/octet-stream" => Ok(None),
        "image/jpeg" | "image/jpg" | "image/pjpeg" => Ok(Some(Kind::Jpeg)),
        "image/png" => Ok(Some(Kind::Png)),
        "image/webp" => Ok(Some(Kind::WebP)),
        _ => Err(PhotoError::UnsupportedType),
    }
}

/// The checks that need no decoding: size, real format, claimed format. Cheap enough to run
/// on an async worker before waiting for a decode slot.
fn precheck(bytes: &[u8], claimed: Option<&str>) -> Result<Kind, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let kind = sniff(bytes).ok_or(PhotoError::UnsupportedType)?;
    match claimed_kind(claimed)? {
        Some(claimed) if claimed != kind => Err(PhotoError::TypeMismatch),
        _ => Ok(kind),
    }
}

/// Whether a JPEG reaches its end marker after at least one scan. Segments are skipped by
/// their lengths (so an end marker inside an EXIF thumbnail or a table does not count) and scan
/// data up to its next marker. The decoder would otherwise fill a truncated file's missing part
/// with grey. Bytes after the end marker (some phones append data there) are allowed, and
/// never stored.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut pos = 2;
    let mut scanned = false;
    loop {
        if bytes.get(pos) != Some(&0xFF) {
            return false;
        }
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else {
            return false;
        };
        pos += 1;
        match marker {
            0xD9 => return scanned,
            0xD8 => return false,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {}
            _ => {
                let Some(len) = bytes.get(pos..pos + 2) else {
                    return false;
                };
                let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
                if len < 2 {
                    return false;
                }
                pos += len;
                if marker == 0xDA {
                    scanned = true;
                    // Scan data: 0xFF is followed by 0x00 (a data byte) or a restart marker;
                    // anything else is the next marker.
                    loop {
                        let Some(ff) = bytes
                            .get(pos..)
                            .and_then(|rest| rest.iter().position(|&b| b == 0xFF))
                        else {
                            return false;
                        };
                        pos += ff;
                        match bytes.get(pos + 1) {
                            Some(0x00 | 0xD0..=0xD7) => pos += 2,
                            Some(_) => break,
                            None => return false,
                        }
                    }
                }
            }
        }
    }
}

/// Whether a WebP file is animated (the flag in its extended header). Animated WebP is refused:
/// a report photo is a still picture, and the animation decoder allocates more than the
/// limits account for.
fn webp_is_animated(bytes: &[u8]) -> bool {
    bytes.get(12..16) == Some(b"VP8X") && bytes.get(20).is_some_and(|flags| flags & 0x02 != 0)
}

fn from_image_error(error: &ImageError) -> PhotoError {
    match error {
        ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::Unreadable,
    }
}

/// Decode within the limits, and read the EXIF orientation.
fn decode(bytes: &[u8], kind: Kind) -> Result<(DynamicImage, Orientation), PhotoError> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    reader.limits(limits.clone());
    // Checks the width and height limits against the header.
    let mut decoder = reader.into_decoder().map_err(|e| from_image_error(&e))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(PhotoError::Unreadable);
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels);
    }
    // The JPEG decoder fills missing data with grey instead of failing, so a header forged to
    // declare 49 megapixels over a few hundred bytes would cost seconds and 150 MB. Every
    // 8 x 8 block costs at least a bit or two; a real photo, even of one flat colour, has far
    // more than one byte per 1,024 pixels.
    if kind == Kind::Jpeg && (bytes.len() as u64) < pixels / MIN_JPEG_PIXELS_PER_BYTE {
        return Err(PhotoError::Unreadable);
    }
    // `from_decoder` allocates the output buffer without charging the limit: do it here.
    limits
        .reserve(decoder.total_bytes())
        .map_err(|e| from_image_error(&e))?;
    // Unreadable metadata is no orientation; a broken header fails the decode below anyway.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|e| from_image_error(&e))?;
    Ok((image, orientation))
}

/// 8-bit RGB, with any transparency composed onto white (JPEG has no alpha). An RGBA buffer is
/// converted in place, without a second buffer.
fn flatten_onto_white(image: DynamicImage) -> Option<RgbImage> {
    if !image.color().has_alpha() {
        return Some(image.into_rgb8());
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    let mut raw = rgba.into_raw();
    let pixels = raw.len() / 4;
    for i in 0..pixels {
        let px = [raw[4 * i], raw[4 * i + 1], raw[4 * i + 2], raw[4 * i + 3]];
        let alpha = u32::from(px[3]);
        for c in 0..3 {
            let blended = (u32::from(px[c]) * alpha + 255 * (255 - alpha) + 127) / 255;
            // At most 255: a weighted mean of two bytes.
            raw[3 * i + c] = u8::try_from(blended).unwrap_or(u8::MAX);
        }
    }
    raw.truncate(pixels * 3);
    raw.shrink_to_fit();
    RgbImage::from_raw(width, height, raw)
}

/// The size that fits `(width, height)` within `edge` on its longest side, keeping the aspect
/// ratio and never enlarging.
fn fit(width: u32, height: u32, edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= edge {
        return (width, height);
    }
    let scale = |short: u32| -> u32 {
        let scaled = (u64::from(short) * u64::from(edge) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(edge).max(1)
    };
    if width >= height {
        (edge, scale(height))
    } else {
        (scale(width), edge)
    }
}

/// `image` shrunk to fit within `edge` with a Lanczos filter (a copy only when it must
/// shrink), by `fast_image_resize` (SIMD: about ten times faster than `image`'s resize, and
/// in one pass, so no intermediate copy of the large image is made).
fn shrink(image: RgbImage, edge: u32) -> Result<RgbImage, PhotoError> {
    let (width, height) = fit(image.width(), image.height(), edge);
    if (width, height) == image.dimensions() {
        return Ok(image);
    }
    let src = fr::images::ImageRef::new(
        image.width(),
        image.height(),
        image.as_raw(),
        fr::PixelType::U8x3,
    )
    .map_err(|_| PhotoError::Unreadable)?;
    let mut dst = fr::images::Image::new(width, height, fr::PixelType::U8x3);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|_| PhotoError::Unreadable)?;
    RgbImage::from_raw(width, height, dst.into_vec()).ok_or(PhotoError::Unreadable)
}

/// Baseline JPEG at [`JPEG_QUALITY`] with the colour sampled at half resolution (4:2:0, as
/// cameras and libvips do: a third smaller than `image`'s encoder, which keeps full-
/// resolution colour, for no visible difference in a photo). Writes no metadata.
fn encode_jpeg(image: &RgbImage) -> Result<Vec<u8>, PhotoError> {
    let (Ok(width), Ok(height)) = (u16::try_from(image.width()), u16::try_from(image.height()))
    else {
        return Err(PhotoError::Unreadable);
    };
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
    encoder
        .encode(image.as_raw(), width, height, jpeg_encoder::ColorType::Rgb)
        .map_err(|_| PhotoError::Unreadable)?;
    Ok(out)
}

/// Check, decode, turn upright, shrink and re-encode one photo. Blocking and CPU-bound:
/// call it through [`PhotoGate::process_async`] from async code.
///
/// `claimed_type` is the media type the browser sent with the file, if any: it must be
/// `image/jpeg`, `image/png` or `image/webp` and match the bytes (`application/octet-stream`
/// counts as no claim). The result holds only the re-encoded copies.
pub fn process(bytes: &[u8], claimed_type: Option<&str>) -> Result<ProcessedPhoto, PhotoError> {
    let kind = precheck(bytes, claimed_type)?;
    match kind {
        Kind::Jpeg if !jpeg_is_complete(bytes) => return Err(PhotoError::Unreadable),
        Kind::WebP if webp_is_animated(bytes) => return Err(PhotoError::UnsupportedType),
        _ => {}
    }
    let (decoded, orientation) = decode(bytes, kind)?;
    let rgb = flatten_onto_white(decoded).ok_or(PhotoError::Unreadable)?;
    // Shrink first, then rotate the small copy: rotation keeps the longest edge, and rotating
    // the full-size image would need a second full-size buffer.
    let mut display = DynamicImage::ImageRgb8(shrink(rgb, DISPLAY_EDGE)?);
    display.apply_orientation(orientation);
    let display = display.into_rgb8();
    let thumb = shrink(display.clone(), THUMB_EDGE)?;
    Ok(ProcessedPhoto {
        display: encode_jpeg(&display)?,
        display_width: display.width(),
        display_height: display.height(),
        thumb: encode_jpeg(&thumb)?,
        thumb_width: thumb.width(),
        thumb_height: thumb.height(),
        content_type: "image/jpeg",
    })
}

/// How many megapixels may be decoded at once, over all uploads (issue 20): decoding costs
/// memory in proportion to the pixels (about 200 MB for a 7000 x 7000 PNG), so the bound is
/// pixels, not cores. 64: one photo at the [`MAX_PIXELS`] limit and a phone photo beside it,
/// or five 12-megapixel photos (about 600 MB at the peaks measured above), on any number of
/// cores.
pub const DECODE_BUDGET_MEGAPIXELS: u32 = 64;

/// The megapixels an image's header declares (rounded up, at least 1); 1 when the header
/// cannot be read (the decode then fails at once). Reads the header only.
fn megapixels(bytes: &[u8], kind: Kind) -> u32 {
    let pixels = ImageReader::with_format(Cursor::new(bytes), kind.format())
        .into_dimensions()
        .map_or(1, |(w, h)| u64::from(w) * u64::from(h));
    u32::try_from(pixels.div_ceil(1_000_000).max(1)).unwrap_or(u32::MAX)
}

/// Runs [`process`] off the async workers within a budget of decoded pixels
/// ([`DECODE_BUDGET_MEGAPIXELS`]): each decode holds one permit per megapixel its image
/// declares, an image larger than the whole budget all of it. Clones share the same
/// budget: make one at start-up and share it.
#[derive(Debug, Clone)]
pub struct PhotoGate {
    permits: Arc<Semaphore>,
    budget: u32,
}

impl Default for PhotoGate {
    fn default() -> Self {
        Self::new()
    }
}

impl PhotoGate {
    /// A gate of [`DECODE_BUDGET_MEGAPIXELS`].
    pub fn new() -> Self {
        Self::with_budget(DECODE_BUDGET_MEGAPIXELS)
    }

    /// A gate letting `megapixels` (at least 1) be decoded at once.
    pub fn with_budget(megapixels: u32) -> Self {
        let budget = megapixels.max(1);
        Self {
            permits: Arc::new(Semaphore::new(budget as usize)),
            budget,
        }
    }

    /// How many megapixels may be decoded at once.
    pub fn budget(&self) -> u32 {
        self.budget
    }

    /// [`process`] on a blocking thread once a permit is free. Files refused by the cheap
    /// checks (empty, too large, wrong type) are refused at once, without waiting. A panic in
    /// the decoder is reported as [`PhotoError::Unreadable`].
    pub async fn process_async(
        &self,
        bytes: Vec<u8>,
        claimed: Option<String>,
    ) -> Result<ProcessedPhoto, PhotoError> {
        let kind = precheck(&bytes, claimed.as_deref())?;
        let megapixels = megapixels(&bytes, kind);
        match self
            .run_blocking(megapixels, move || process(&bytes, claimed.as_deref()))
            .await
        {
            Some(result) => result,
            None => {
                tracing::error!("photo processing failed to complete (panic or shutdown)");
                Err(PhotoError::Unreadable)
            }
        }
    }

    /// Run `job` on a thread of its own at the lowest CPU priority, while holding
    /// `megapixels` permits (at most the whole budget). The permits move into the thread,
    /// so they are released when the work ends, even if the caller stopped waiting (a
    /// closed connection drops the future, not the running decode). `None` if the job panicked or no thread could be started.
    ///
    /// Why a thread of its own at the lowest priority (issue #9): with both cores decoding,
    /// the report page's p99 was 7 times its p99 without uploads, because the decodes and
    /// the page requests shared the cores equally. Now the scheduler gives a page request
    /// the core as soon as it wakes; the decodes take whatever is left. A thread of its own,
    /// because an unprivileged process may lower a thread's priority but not raise it back,
    /// and tokio's blocking threads also do other work. Starting a thread costs tens of
    /// microseconds against a decode's hundreds of milliseconds.
    async fn run_blocking<T, F>(&self, megapixels: u32, job: F) -> Option<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_many_owned(megapixels.clamp(1, self.budget))
            .await
            .ok()?;
        let (done, result) = tokio::sync::oneshot::channel();
        let started = std::thread::Builder::new()
            .name("balai-photo".into())
            .spawn(move || {
                lowest_priority();
                // A panic drops `done` unsent: the caller sees `None`.
                let _ = done.send(job());
                drop(permit);
            });
        if let Err(e) = started {
            tracing::error!(error = %e, "cannot start a photo thread");
            return None;
        }
        result.await.ok()
    }
}

/// Give the calling thread the lowest CPU priority: Linux's `SCHED_IDLE` policy, under which
/// a waking page request takes the core at once (at nice 19 alone the scheduler let the
/// decode finish its time slice first: report-page p99 4.75 ms under uploads against
/// 0.41 ms without), and nice 19 where that policy is refused.
fn lowest_priority() {
    use thread_priority::{
        NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy,
        set_thread_priority_and_policy, thread_native_id,
    };
    let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
    if let Err(e) = set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, idle) {
        tracing::warn!(error = ?e, "cannot give the photo thread the idle policy");
        if let Err(e) = thread_priority::set_current_thread_priority(ThreadPriority::Min) {
            tracing::warn!(error = ?e, "cannot lower the photo thread's priority");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, Rgba, RgbaImage};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    // ---- Building inputs ----------------------------------------------------------------

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }

    /// A PNG of a few dozen bytes that declares `width` x `height` (valid IHDR and CRCs) and
    /// carries almost no image data.
    fn png_bomb(width: u32, height: u32, bit_depth: u8, color_type: u8) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[bit_depth, color_type, 0, 0, 0]);
        png_chunk(&mut out, b"IHDR", &ihdr);
        // zlib: header, one empty final stored block, Adler-32 of nothing.
        png_chunk(
            &mut out,
            b"IDAT",
            &[0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0, 0, 0, 1],
        );
        png_chunk(&mut out, b"IEND", &[]);
        out
    }

    fn png_of(image: &RgbaImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(
                image.as_raw(),
                image.width(),
                image.height(),
                image::ExtendedColorType::Rgba8,
            )
            .unwrap();
        out
    }

    fn jpeg_of(image: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
            .encode_image(image)
            .unwrap();
        out
    }

    fn webp_of(image: &RgbaImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::webp::WebPEncoder::new_lossless(&mut out)
            .encode(
                image.as_raw(),
                image.width(),
                image.height(),
                image::ExtendedColorType::Rgba8,
            )
            .unwrap();
        out
    }

    /// 64 x 32, with a solid 16 x 16 colour in each corner: red top left, green top right,
    /// blue bottom left, yellow bottom right; grey elsewhere.
    fn corners() -> RgbImage {
        RgbImage::from_fn(64, 32, |x, y| match (x < 16, x >= 48, y < 16) {
            (true, _, true) => Rgb([255, 0, 0]),
            (_, true, true) => Rgb([0, 255, 0]),
            (true, _, false) => Rgb([0, 0, 255]),
            (_, true, false) => Rgb([255, 255, 0]),
            _ => Rgb([128, 128, 128]),
        })
    }

    fn gradient(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        })
    }

    const SERIAL: &[u8] = b"BALAI-SN-0042\0";

    /// A little-endian TIFF/EXIF structure: IFD0 with Orientation, an Exif IFD pointer and a
    /// GPS IFD pointer; the Exif IFD holds a body serial number (and, if `padding` > 0, a
    /// maker note of that many bytes); the GPS IFD holds a latitude and longitude.
    fn exif_tiff(orientation: u16, padding: usize) -> Vec<u8> {
        fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
            out.extend_from_slice(&tag.to_le_bytes());
            out.extend_from_slice(&kind.to_le_bytes());
            out.extend_from_slice(&count.to_le_bytes());
            out.extend_from_slice(&value);
        }
        const ASCII: u16 = 2;
        const SHORT: u16 = 3;
        const LONG: u16 = 4;
        const RATIONAL: u16 = 5;
        const UNDEFINED: u16 = 7;
        let ifd_len = |entries: u32| 2 + 12 * entries + 4;
        let ifd0 = 8u32;
        let exif_ifd = ifd0 + ifd_len(3);
        let gps_ifd = exif_ifd + ifd_len(2);
        let serial_at = gps_ifd + ifd_len(5);
        let lat_at = serial_at + SERIAL.len() as u32;
        let lon_at = lat_at + 24;
        let note_at = lon_at + 24;

        let mut t = b"II\x2a\x00".to_vec();
        t.extend_from_slice(&ifd0.to_le_bytes());
        // IFD0
        t.extend_from_slice(&3u16.to_le_bytes());
        let o = orientation.to_le_bytes();
        entry(&mut t, 0x0112, SHORT, 1, [o[0], o[1], 0, 0]);
        entry(&mut t, 0x8769, LONG, 1, exif_ifd.to_le_bytes());
        entry(&mut t, 0x8825, LONG, 1, gps_ifd.to_le_bytes());
        t.extend_from_slice(&0u32.to_le_bytes());
        // Exif IFD: BodySerialNumber, MakerNote
        t.extend_from_slice(&2u16.to_le_bytes());
        entry(
            &mut t,
            0x927C,
            UNDEFINED,
            padding as u32,
            note_at.to_le_bytes(),
        );
        entry(
            &mut t,
            0xA431,
            ASCII,
            SERIAL.len() as u32,
            serial_at.to_le_bytes(),
        );
        t.extend_from_slice(&0u32.to_le_bytes());
        // GPS IFD: version, latitude (S 6 12' 34.56"), longitude (E 106 49' 12.34")
        t.extend_from_slice(&5u16.to_le_bytes());
        entry(&mut t, 0x0000, 1, 4, [2, 3, 0, 0]);
        entry(&mut t, 0x0001, ASCII, 2, *b"S\0\0\0");
        entry(&mut t, 0x0002, RATIONAL, 3, lat_at.to_le_bytes());
        entry(&mut t, 0x0003, ASCII, 2, *b"E\0\0\0");
        entry(&mut t, 0x0004, RATIONAL, 3, lon_at.to_le_bytes());
        t.extend_from_slice(&0u32.to_le_bytes());
        assert_eq!(t.len() as u32, serial_at);
        t.extend_from_slice(SERIAL);
        for (num, den) in [
            (6u32, 1u32),
            (12, 1),
            (3456, 100),
            (106, 1),
            (49, 1),
            (1234, 100),
        ] {
            t.extend_from_slice(&num.to_le_bytes());
            t.extend_from_slice(&den.to_le_bytes());
        }
        assert_eq!(t.len() as u32, note_at);
        t.extend((0..padding).map(|i| (i % 251) as u8));
        t
    }

    /// `jpeg` with an APP1 Exif segment holding `tiff` inserted right after SOI.
    fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
        let len = u16::try_from(2 + 6 + tiff.len()).unwrap();
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(b"Exif\0\0");
        out.extend_from_slice(tiff);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    /// `jpeg` with its frame header (SOF0) changed to declare `width` x `height`.
    fn forge_jpeg_size(jpeg: &[u8], width: u16, height: u16) -> Vec<u8> {
        let mut out = jpeg.to_vec();
        let mut pos = 2;
        loop {
            assert_eq!(out[pos], 0xFF);
            let marker = out[pos + 1];
            let len = usize::from(u16::from_be_bytes([out[pos + 2], out[pos + 3]]));
            if marker == 0xC0 {
                out[pos + 5..pos + 7].copy_from_slice(&height.to_be_bytes());
                out[pos + 7..pos + 9].copy_from_slice(&width.to_be_bytes());
                return out;
            }
            pos += 2 + len;
        }
    }

    /// Whether a JPEG has an APP1 segment (EXIF or XMP) before its first scan.
    fn has_app1(jpeg: &[u8]) -> bool {
        let mut pos = 2;
        while pos + 4 <= jpeg.len() && jpeg[pos] == 0xFF {
            let marker = jpeg[pos + 1];
            if marker == 0xDA {
                return false;
            }
            if marker == 0xE1 {
                return true;
            }
            pos += 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        }
        false
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// The stored bytes carry no metadata and are one clean JPEG.
    fn assert_clean_jpeg(bytes: &[u8]) {
        assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert!(bytes.ends_with(&[0xFF, 0xD9]), "nothing after the JPEG");
        assert!(!has_app1(bytes), "no APP1 segment");
        assert!(!contains(bytes, b"Exif"));
        assert!(!contains(bytes, b"http://ns.adobe.com"));
        assert!(!contains(bytes, b"ICC_PROFILE"));
        assert!(!contains(bytes, SERIAL));
        let mut decoder = image::codecs::jpeg::JpegDecoder::new(Cursor::new(bytes)).unwrap();
        assert_eq!(decoder.exif_metadata().unwrap(), None);
    }

    fn decode_rgb(jpeg: &[u8]) -> RgbImage {
        image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg)
            .unwrap()
            .into_rgb8()
    }

    fn near(a: Rgb<u8>, b: [u8; 3]) -> bool {
        a.0.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 40)
    }

    fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
        let start = Instant::now();
        let result = f();
        (result, start.elapsed())
    }

    // ---- Metadata and orientation --------------------------------------------------------

    #[test]
    fn exif_gps_and_serial_removed_and_orientation_applied() {
        let tiff = exif_tiff(6, 0);
        let input = with_exif(&jpeg_of(&corners()), &tiff);
        // The input really carries what must go, and the crate reads its orientation.
        assert!(contains(&input, b"Exif\0\0") && contains(&input, SERIAL));
        assert_eq!(
            Orientation::from_exif_chunk(&tiff),
            Some(Orientation::Rotate90)
        );

        let photo = process(&input, Some("image/jpeg")).unwrap();
        assert_eq!(photo.content_type, "image/jpeg");
        assert_clean_jpeg(&photo.display);
        assert_clean_jpeg(&photo.thumb);
        // Turned a quarter clockwise: 64 x 32 becomes portrait 32 x 64.
        assert_eq!((photo.display_width, photo.display_height), (32, 64));
        assert_eq!((photo.thumb_width, photo.thumb_height), (32, 64));
        let out = decode_rgb(&photo.display);
        assert_eq!(out.dimensions(), (32, 64));
        // Clockwise: bottom left (blue) comes to top left, top left (red) to top right,
        // bottom right (yellow) to bottom left, top right (green) to bottom right.
        assert!(
            near(*out.get_pixel(4, 4), [0, 0, 255]),
            "{:?}",
            out.get_pixel(4, 4)
        );
        assert!(near(*out.get_pixel(27, 4), [255, 0, 0]));
        assert!(near(*out.get_pixel(4, 59), [255, 255, 0]));
        assert!(near(*out.get_pixel(27, 59), [0, 255, 0]));
    }

    #[test]
    fn orientation_one_leaves_the_picture_as_it_is() {
        let input = with_exif(&jpeg_of(&corners()), &exif_tiff(1, 0));
        let photo = process(&input, None).unwrap();
        assert_eq!((photo.display_width, photo.display_height), (64, 32));
        let out = decode_rgb(&photo.display);
        assert!(near(*out.get_pixel(4, 4), [255, 0, 0]));
        assert!(near(*out.get_pixel(59, 27), [255, 255, 0]));
        assert_clean_jpeg(&photo.display);
    }

    #[test]
    fn huge_exif_block_is_processed_and_dropped() {
        let tiff = exif_tiff(6, 60_000);
        let input = with_exif(&jpeg_of(&corners()), &tiff);
        assert!(input.len() > 60_000);
        let photo = process(&input, Some("image/jpeg")).unwrap();
        assert_clean_jpeg(&photo.display);
        assert_clean_jpeg(&photo.thumb);
        assert!(photo.display.len() < 10_000);
        assert_eq!((photo.display_width, photo.display_height), (32, 64));
    }

    #[test]
    fn png_with_alpha_becomes_jpeg_on_white() {
        // Left half fully transparent red, right half opaque blue.
        let image = RgbaImage::from_fn(40, 20, |x, _| {
            if x < 20 {
                Rgba([255, 0, 0, 0])
            } else {
                Rgba([0, 0, 255, 255])
            }
        });
        let photo = process(&png_of(&image), Some("image/png")).unwrap();
        assert_eq!(photo.content_type, "image/jpeg");
        assert_clean_jpeg(&photo.display);
        let out = decode_rgb(&photo.display);
        assert!(near(*out.get_pixel(5, 10), [255, 255, 255]));
        assert!(near(*out.get_pixel(35, 10), [0, 0, 255]));
    }

    #[test]
    fn webp_is_accepted() {
        let image = RgbaImage::from_fn(30, 10, |_, _| Rgba([0, 200, 0, 255]));
        let photo = process(&webp_of(&image), Some("image/webp")).unwrap();
        assert_eq!((photo.display_width, photo.display_height), (30, 10));
        assert_clean_jpeg(&photo.display);
    }

    // ---- Sizes ---------------------------------------------------------------------------

    #[test]
    fn large_photo_is_shrunk_keeping_its_aspect() {
        let photo = process(&jpeg_of(&gradient(3000, 2000)), None).unwrap();
        assert_eq!((photo.display_width, photo.display_height), (1600, 1067));
        assert_eq!((photo.thumb_width, photo.thumb_height), (400, 267));
        assert_eq!(decode_rgb(&photo.display).dimensions(), (1600, 1067));
        assert_eq!(decode_rgb(&photo.thumb).dimensions(), (400, 267));
        assert_clean_jpeg(&photo.display);

        let photo = process(&png_of(&RgbaImage::new(1000, 3000)), None).unwrap();
        assert_eq!((photo.display_width, photo.display_height), (533, 1600));
        assert_eq!((photo.thumb_width, photo.thumb_height), (133, 400));
    }

    #[test]
    fn flat_colour_photo_is_not_mistaken_for_a_forged_one() {
        let white = RgbImage::from_pixel(2400, 1600, Rgb([255, 255, 255]));
        let jpeg = jpeg_of(&white);
        let photo = process(&jpeg, None).unwrap();
        assert_eq!((photo.display_width, photo.display_height), (1600, 1067));
        assert!(near(
            *decode_rgb(&photo.thumb).get_pixel(200, 100),
            [255, 255, 255]
        ));
    }

    #[test]
    fn very_large_photo_is_shrunk_in_two_steps() {
        // Over four times the display size: averaged down first, then filtered.
        let halves = RgbImage::from_fn(6400, 1000, |x, _| {
            if x < 3200 {
                Rgb([220, 20, 20])
            } else {
                Rgb([20, 20, 220])
            }
        });
        let photo = process(&jpeg_of(&halves), None).unwrap();
        assert_eq!((photo.display_width, photo.display_height), (1600, 250));
        assert_eq!((photo.thumb_width, photo.thumb_height), (400, 63));
        let out = decode_rgb(&photo.display);
        assert!(near(*out.get_pixel(100, 125), [220, 20, 20]));
        assert!(near(*out.get_pixel(1500, 125), [20, 20, 220]));
    }

    #[test]
    fn small_photo_is_not_enlarged() {
        let photo = process(&jpeg_of(&gradient(100, 50)), None).unwrap();
        assert_eq!((photo.display_width, photo.display_height), (100, 50));
        assert_eq!((photo.thumb_width, photo.thumb_height), (100, 50));
        let photo = process(&jpeg_of(&gradient(900, 600)), None).unwrap();
        assert_eq!((photo.display_width, photo.display_height), (900, 600));
        assert_eq!((photo.thumb_width, photo.thumb_height), (400, 267));
    }

    #[test]
    fn fit_rounds_and_never_reaches_zero() {
        assert_eq!(fit(3000, 2000, 1600), (1600, 1067));
        assert_eq!(fit(2000, 3000, 400), (267, 400));
        assert_eq!(fit(10_000, 1, 400), (400, 1));
        assert_eq!(fit(1600, 1600, 1600), (1600, 1600));
    }

    #[test]
    fn size_limit() {
        let mut at_limit = jpeg_of(&gradient(64, 64));
        at_limit.resize(MAX_BYTES, 0);
        assert!(process(&at_limit, Some("image/jpeg")).is_ok());
        let mut over = at_limit;
        over.push(0);
        let (result, elapsed) = timed(|| process(&over, Some("image/jpeg")));
        assert_eq!(result, Err(PhotoError::TooLarge));
        assert!(elapsed < Duration::from_millis(100));
    }

    #[test]
    fn empty_file_is_refused() {
        assert_eq!(process(&[], Some("image/jpeg")), Err(PhotoError::Empty));
        assert_eq!(process(&[], None), Err(PhotoError::Empty));
    }

    // ---- Types ---------------------------------------------------------------------------

    #[test]
    fn svg_named_jpeg_is_refused() {
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(
            process(svg, Some("image/jpeg")),
            Err(PhotoError::UnsupportedType)
        );
        assert_eq!(
            process(svg, Some("image/svg+xml")),
            Err(PhotoError::UnsupportedType)
        );
        assert_eq!(process(b"<html>", None), Err(PhotoError::UnsupportedType));
    }

    #[test]
    fn mislabeled_files_are_refused() {
        let png = png_of(&RgbaImage::new(8, 8));
        let jpeg = jpeg_of(&gradient(8, 8));
        assert_eq!(
            process(&png, Some("image/jpeg")),
            Err(PhotoError::TypeMismatch)
        );
        assert_eq!(
            process(&jpeg, Some("image/webp")),
            Err(PhotoError::TypeMismatch)
        );
        // A claim of another type is refused even when the bytes are acceptable.
        assert_eq!(
            process(&png, Some("image/gif")),
            Err(PhotoError::UnsupportedType)
        );
        // Parameters, case and "unknown" are tolerated.
        assert!(process(&png, Some("IMAGE/PNG; charset=binary")).is_ok());
        assert!(process(&png, Some("application/octet-stream")).is_ok());
        assert!(process(&jpeg, Some("image/jpg")).is_ok());
    }

    #[test]
    fn polyglot_png_zip_is_processed_without_the_zip() {
        // Decision: a PNG with a ZIP appended is accepted as the PNG it starts with; only its
        // re-encoded pixels are kept, so the archive never reaches storage.
        let mut polyglot = png_of(&RgbaImage::from_fn(16, 16, |_, _| Rgba([9, 9, 9, 255])));
        let mut zip = Vec::new();
        zip.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        zip.extend_from_slice(&crc32(b"hello").to_le_bytes());
        zip.extend_from_slice(&5u32.to_le_bytes());
        zip.extend_from_slice(&5u32.to_le_bytes());
        zip.extend_from_slice(&9u16.to_le_bytes());
        zip.extend_from_slice(&0u16.to_le_bytes());
        zip.extend_from_slice(b"evil.html");
        zip.extend_from_slice(b"hello");
        zip.extend_from_slice(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        polyglot.extend_from_slice(&zip);
        let photo = process(&polyglot, Some("image/png")).unwrap();
        for bytes in [&photo.display, &photo.thumb] {
            assert_clean_jpeg(bytes);
            assert!(!contains(bytes, b"PK\x03\x04"));
            assert!(!contains(bytes, b"PK\x05\x06"));
            assert!(!contains(bytes, b"evil.html"));
        }
    }

    #[test]
    fn jpeg_with_trailing_data_is_processed_without_it() {
        // Some phones append data after the end marker; a JPEG + ZIP polyglot looks the same.
        let mut input = jpeg_of(&gradient(64, 48));
        input.extend_from_slice(b"SEFT trailer PK\x03\x04 evil.html");
        let photo = process(&input, Some("image/jpeg")).unwrap();
        assert_clean_jpeg(&photo.display);
        assert!(!contains(&photo.display, b"evil.html"));
    }

    #[test]
    fn animated_webp_is_refused() {
        let still = webp_of(&RgbaImage::new(4, 4));
        let mut animated = b"RIFF\0\0\0\0WEBPVP8X".to_vec();
        animated.extend_from_slice(&10u32.to_le_bytes());
        animated.extend_from_slice(&[0x02, 0, 0, 0, 3, 0, 0, 3, 0, 0]);
        animated.extend_from_slice(&still[12..]);
        let size = u32::try_from(animated.len() - 8).unwrap();
        animated[4..8].copy_from_slice(&size.to_le_bytes());
        assert_eq!(
            process(&animated, Some("image/webp")),
            Err(PhotoError::UnsupportedType)
        );
    }

    // ---- Truncated -----------------------------------------------------------------------

    #[test]
    fn truncated_files_are_refused() {
        let jpeg = jpeg_of(&gradient(200, 100));
        assert_eq!(
            process(&jpeg[..jpeg.len() / 2], Some("image/jpeg")),
            Err(PhotoError::Unreadable)
        );
        // Cut just before the end marker, and cut inside the headers.
        assert_eq!(
            process(&jpeg[..jpeg.len() - 2], None),
            Err(PhotoError::Unreadable)
        );
        assert_eq!(process(&jpeg[..40], None), Err(PhotoError::Unreadable));
        // Neither does an end marker inside a segment after the (truncated) scan data.
        let mut hidden = jpeg[..jpeg.len() / 2].to_vec();
        hidden.extend_from_slice(&[0xFF, 0xC4, 0x00, 0x04, 0xFF, 0xD9]);
        assert_eq!(process(&hidden, None), Err(PhotoError::Unreadable));
        // Nor one before any scan.
        assert_eq!(
            process(&[0xFF, 0xD8, 0xFF, 0xD9], None),
            Err(PhotoError::Unreadable)
        );
        // A complete EXIF thumbnail's end marker does not make a truncated photo whole.
        let with_thumb = with_exif(&jpeg, &jpeg_of(&gradient(8, 8)));
        assert_eq!(
            process(&with_thumb[..with_thumb.len() / 2], None),
            Err(PhotoError::Unreadable)
        );

        let png = png_of(&RgbaImage::from_fn(200, 100, |x, y| {
            Rgba([x as u8, y as u8, 0, 255])
        }));
        assert_eq!(
            process(&png[..png.len() / 2], Some("image/png")),
            Err(PhotoError::Unreadable)
        );
        let webp = webp_of(&RgbaImage::from_fn(200, 100, |x, y| {
            Rgba([x as u8, y as u8, 0, 255])
        }));
        assert_eq!(
            process(&webp[..webp.len() / 2], Some("image/webp")),
            Err(PhotoError::Unreadable)
        );
        // Only the magic bytes.
        assert_eq!(
            process(&[0xFF, 0xD8, 0xFF], None),
            Err(PhotoError::Unreadable)
        );
        assert_eq!(
            process(b"RIFF\0\0\0\0WEBPVP8 ", None),
            Err(PhotoError::Unreadable)
        );
    }

    // ---- Bombs ---------------------------------------------------------------------------

    fn assert_refused_fast(bytes: &[u8], claimed: &str) {
        let (result, elapsed) = timed(|| process(bytes, Some(claimed)));
        assert!(
            matches!(
                result,
                Err(PhotoError::TooManyPixels | PhotoError::Unreadable)
            ),
            "{result:?}"
        );
        assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
    }

    #[test]
    fn bomb_png_30000_square_is_refused_fast() {
        let bomb = png_bomb(30_000, 30_000, 8, 2);
        assert!(bomb.len() < 100);
        assert_refused_fast(&bomb, "image/png");
        assert_eq!(process(&bomb, None), Err(PhotoError::TooManyPixels));
    }

    #[test]
    fn bomb_png_within_dimensions_is_refused_fast() {
        // 11,000 x 11,000 passes the width and height limits but not the pixel count.
        let bomb = png_bomb(11_000, 11_000, 8, 6);
        assert_eq!(process(&bomb, None), Err(PhotoError::TooManyPixels));
        // 7,000 x 7,000 RGBA 16-bit: 49 megapixels, but 392 MB decoded (the memory limit).
        let bomb = png_bomb(7_000, 7_000, 16, 6);
        assert_refused_fast(&bomb, "image/png");
        assert_eq!(process(&bomb, None), Err(PhotoError::TooManyPixels));
    }

    #[test]
    fn bomb_jpeg_is_refused_fast() {
        let jpeg = jpeg_of(&gradient(16, 16));
        let bomb = forge_jpeg_size(&jpeg, 60_000, 60_000);
        assert_refused_fast(&bomb, "image/jpeg");
        assert_eq!(process(&bomb, None), Err(PhotoError::TooManyPixels));
        let bomb = forge_jpeg_size(&jpeg, 8_000, 8_000);
        assert_eq!(process(&bomb, None), Err(PhotoError::TooManyPixels));
        // Within the limits, but 49 megapixels declared over a few hundred bytes: the decoder
        // would invent the missing pixels.
        let forged = forge_jpeg_size(&jpeg, 7_000, 7_000);
        assert!(forged.len() < 2_000);
        assert_refused_fast(&forged, "image/jpeg");
        assert_eq!(process(&forged, None), Err(PhotoError::Unreadable));
        // With EXIF (the orientation path) too.
        let bomb = with_exif(&forge_jpeg_size(&jpeg, 60_000, 60_000), &exif_tiff(6, 0));
        assert_refused_fast(&bomb, "image/jpeg");
    }

    #[test]
    fn bomb_webp_is_refused_fast() {
        let still = webp_of(&RgbaImage::new(4, 4));
        // Simple lossless: the 14-bit sizes in the VP8L header set to 16,383 x 16,383 (the
        // largest that image-webp reads as such: it computes (1 + field) & 0x3FFF).
        let mut bomb = still.clone();
        assert_eq!(&bomb[12..16], b"VP8L");
        let header = u32::from_le_bytes([bomb[21], bomb[22], bomb[23], bomb[24]]);
        let header = (header & !0x0FFF_FFFF) | 0x3FFE | (0x3FFE << 14);
        bomb[21..25].copy_from_slice(&header.to_le_bytes());
        assert_refused_fast(&bomb, "image/webp");
        assert_eq!(process(&bomb, None), Err(PhotoError::TooManyPixels));

        // Extended: a VP8X canvas of 60,000 x 60,000 around the small image.
        let mut bomb = b"RIFF\0\0\0\0WEBPVP8X".to_vec();
        bomb.extend_from_slice(&10u32.to_le_bytes());
        let side = (60_000u32 - 1).to_le_bytes();
        bomb.extend_from_slice(&[
            0x10, 0, 0, 0, side[0], side[1], side[2], side[0], side[1], side[2],
        ]);
        bomb.extend_from_slice(&still[12..]);
        let size = u32::try_from(bomb.len() - 8).unwrap();
        bomb[4..8].copy_from_slice(&size.to_le_bytes());
        assert_refused_fast(&bomb, "image/webp");
        assert_eq!(process(&bomb, None), Err(PhotoError::TooManyPixels));
    }

    // ---- Messages ------------------------------------------------------------------------

    #[test]
    fn every_error_has_a_message_id() {
        let all = [
            PhotoError::Empty,
            PhotoError::TooLarge,
            PhotoError::UnsupportedType,
            PhotoError::TypeMismatch,
            PhotoError::Unreadable,
            PhotoError::TooManyPixels,
        ];
        let ids: std::collections::BTreeSet<_> = all.iter().map(PhotoError::message_id).collect();
        assert_eq!(ids.len(), all.len());
        assert!(ids.iter().all(|id| id.starts_with("photo-error-")));
    }

    // ---- Gate ----------------------------------------------------------------------------

    /// How many of `jobs` jobs of `megapixels` each run at once under `budget`.
    async fn peak_of(budget: u32, megapixels: u32, jobs: usize) -> usize {
        let gate = PhotoGate::with_budget(budget);
        let in_flight = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..jobs {
            let gate = gate.clone();
            let in_flight = Arc::clone(&in_flight);
            let peak = Arc::clone(&peak);
            tasks.push(tokio::spawn(async move {
                gate.run_blocking(megapixels, move || {
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(30));
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                })
                .await
            }));
        }
        for task in tasks {
            assert_eq!(task.await.unwrap(), Some(()));
        }
        peak.load(Ordering::SeqCst)
    }

    /// The bound is memory, not cores: large images one or two at a time, small ones many
    /// at once, and one larger than the whole budget still runs (alone).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn gate_bounds_decodes_by_pixels_not_cores() {
        assert_eq!(peak_of(100, 49, 6).await, 2);
        assert_eq!(peak_of(100, 1, 12).await, 12);
        assert_eq!(peak_of(30, 49, 3).await, 1);
        assert_eq!(PhotoGate::new().budget(), DECODE_BUDGET_MEGAPIXELS);
        let png = png_bomb(7000, 7000, 8, 2);
        assert_eq!(megapixels(&png, Kind::Png), 49);
        assert_eq!(megapixels(&jpeg_of(&corners()), Kind::Jpeg), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn gate_never_runs_more_than_its_permits() {
        assert_eq!(peak_of(2, 1, 8).await, 2);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn gate_keeps_the_permit_until_an_abandoned_decode_ends() {
        let gate = PhotoGate::with_budget(1);
        let in_flight = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let job = |in_flight: Arc<AtomicUsize>, peak: Arc<AtomicUsize>| {
            move || {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(150));
                in_flight.fetch_sub(1, Ordering::SeqCst);
            }
        };
        let first = {
            let gate = gate.clone();
            let work = job(Arc::clone(&in_flight), Arc::clone(&peak));
            tokio::spawn(async move { gate.run_blocking(1, work).await })
        };
        tokio::time::sleep(Duration::from_millis(30)).await;
        // The person closed the connection: the waiting future is dropped mid-decode.
        first.abort();
        let second = gate
            .run_blocking(1, job(Arc::clone(&in_flight), Arc::clone(&peak)))
            .await;
        assert_eq!(second, Some(()));
        assert_eq!(peak.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn gate_processes_and_refuses() {
        let gate = PhotoGate::new();
        let photo = gate
            .process_async(jpeg_of(&corners()), Some("image/jpeg".to_owned()))
            .await
            .unwrap();
        assert_eq!((photo.display_width, photo.display_height), (64, 32));
        assert_eq!(
            gate.process_async(Vec::new(), None).await,
            Err(PhotoError::Empty)
        );
        assert_eq!(
            gate.process_async(png_bomb(30_000, 30_000, 8, 2), None)
                .await,
            Err(PhotoError::TooManyPixels)
        );
        // A panicking job is reported, not propagated.
        assert_eq!(
            gate.run_blocking(1, || panic!("decoder bug")).await,
            None::<()>
        );
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn decodes_run_at_the_lowest_priority_and_the_caller_keeps_its_own() {
        use thread_priority::{NormalThreadSchedulePolicy, ThreadSchedulePolicy};
        let policy = || thread_priority::thread_schedule_policy().ok();
        let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
        let gate = PhotoGate::with_budget(1);
        assert_eq!(gate.run_blocking(1, policy).await, Some(Some(idle)));
        assert_ne!(policy(), Some(idle), "the async worker keeps its policy");
    }
}
