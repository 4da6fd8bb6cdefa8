//! Images that content files show (`content/images/*`). Their sizes are read at load
//! (headers only); the resized copies, a few widths each for `srcset`, are made once
//! with the `image` crate and cached in the data dir, named by the source's hash so a
//! changed image never serves a stale copy.

use super::Problem;
use anyhow::Context;
use image::{ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Widths offered in `srcset` (never wider than the original).
pub const WIDTHS: [u32; 3] = [400, 800, 1600];

/// One source image.
#[derive(Debug, Clone)]
pub struct SourceImage {
    /// File name under `content/images`.
    pub name: String,
    /// Where it is.
    pub path: PathBuf,
    /// First 16 hex digits of the SHA-256 of its bytes.
    pub hash: String,
    /// Original width in pixels.
    pub width: u32,
    /// Original height in pixels.
    pub height: u32,
}

impl SourceImage {
    /// The widths this image is offered in, with their heights.
    pub fn variants(&self) -> Vec<(u32, u32)> {
        let max = self.width.min(WIDTHS[WIDTHS.len() - 1]);
        let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < max).collect();
        widths.push(max);
        widths
            .into_iter()
            .map(|w| (w, scaled_height(self.width, self.height, w)))
            .collect()
    }

    /// URL of one variant.
    pub fn url(&self, width: u32) -> String {
        format!("/media/content/{}/{width}.jpg", self.hash)
    }
}

fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    ((u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width).max(1)).max(1)
        as u32
}

/// All content images, by file name.
#[derive(Debug, Default)]
pub struct ContentImages {
    by_name: BTreeMap<String, SourceImage>,
}

impl ContentImages {
    /// Read the sizes of every image in `dir` (a missing folder is no images).
    pub fn load(dir: &Path, problems: &mut Vec<Problem>) -> Self {
        let mut images = Self::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return images;
        };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            let is_image = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "jpg" | "jpeg" | "png" | "webp"
                )
            });
            if !is_image {
                continue;
            }
            match read_source(&path) {
                Ok(img) => {
                    images.by_name.insert(img.name.clone(), img);
                }
                Err(e) => problems.push(Problem::new(&path, 0, format!("unreadable image: {e:#}"))),
            }
        }
        images
    }

    /// The image with this file name.
    pub fn get(&self, name: &str) -> Option<&SourceImage> {
        self.by_name.get(name)
    }

    /// The image with this hash.
    pub fn by_hash(&self, hash: &str) -> Option<&SourceImage> {
        self.by_name.values().find(|i| i.hash == hash)
    }

    /// Every image.
    pub fn all(&self) -> impl Iterator<Item = &SourceImage> {
        self.by_name.values()
    }
}

fn read_source(path: &Path) -> anyhow::Result<SourceImage> {
    let bytes = std::fs::read(path)?;
    let hash = hex::encode(&Sha256::digest(&bytes)[..8]);
    let (width, height) = ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()?
        .into_dimensions()?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .context("file name")?
        .to_owned();
    Ok(SourceImage {
        name,
        path: path.to_path_buf(),
        hash,
        width,
        height,
    })
}

/// The JPEG bytes of `image` at `width`, from the cache in `cache_dir` or made now.
/// Blocking: call it off the async workers.
pub fn variant(image: &SourceImage, width: u32, cache_dir: &Path) -> anyhow::Result<Vec<u8>> {
    let cached = cache_dir.join(format!("{}-{width}.jpg", image.hash));
    if let Ok(bytes) = std::fs::read(&cached) {
        return Ok(bytes);
    }
    let mut reader = ImageReader::open(&image.path)?.with_guessed_format()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode()?;
    let height = scaled_height(image.width, image.height, width);
    let resized = decoded
        .resize_exact(width, height, image::imageops::FilterType::Triangle)
        .to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82).encode_image(&resized)?;
    std::fs::create_dir_all(cache_dir)?;
    // Write then rename, so a concurrent reader never sees half a file.
    let tmp = cache_dir.join(format!(
        ".{}-{width}.{}.tmp",
        image.hash,
        std::process::id()
    ));
    std::fs::write(&tmp, &out)?;
    std::fs::rename(&tmp, &cached)?;
    Ok(out)
}
