//! `balai seed --demo`: a small demo data set for trying Balai out and for the browser
//! suite: reports of every kind and privacy level in every state of their life, made
//! through the same code path as the form (answers, parse, send), with a photo.

use crate::db::reports;
use crate::domain::access_key::AccessKey;
use crate::domain::case::{Actor, EventKind, Status};
use crate::domain::deadlines;
use crate::domain::report::Answers;
use crate::state::AppState;
use time::Duration;

/// A demo report: what it shows, its code and its access key.
#[derive(Debug, Clone)]
pub struct DemoReport {
    /// What the report demonstrates (`answered-public`...).
    pub label: &'static str,
    pub code: String,
    pub key: String,
}

/// (label, kind, privacy, title, description, province, regency, category, agency,
/// steps after sending: (status, actor, public, text)).
type Plan = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(Status, Actor, bool, &'static str)],
);

const PLANS: &[Plan] = &[
    (
        "submitted-public",
        "complaint",
        "public",
        "Trotoar di depan pasar tertutup lapak",
        "Trotoar di depan Pasar Kreneng tertutup lapak pedagang sejak pagi sampai sore. Pengguna kursi roda dan tunanetra harus berjalan di badan jalan.",
        "51",
        "51.71",
        "accessibility-barrier",
        "reg-51.71",
        &[],
    ),
    (
        "verified-anonymous",
        "aspiration",
        "anonymous",
        "Juru bahasa isyarat di layanan puskesmas",
        "Mohon puskesmas menyediakan juru bahasa isyarat atau layanan video, setidaknya satu hari dalam seminggu, supaya warga Tuli bisa berobat tanpa harus membawa keluarga.",
        "34",
        "34.04",
        "health",
        "",
        &[(Status::Verified, Actor::Verifier, true, "")],
    ),
    (
        "info-requested-public",
        "complaint",
        "public",
        "Bantuan sosial tidak diterima tiga bulan",
        "Ibu saya penerima bantuan sosial, tetapi sudah tiga bulan bantuannya tidak masuk ke rekening.",
        "32",
        "32.04",
        "social-assistance",
        "",
        &[(
            Status::InfoRequested,
            Actor::Verifier,
            false,
            "Mohon sebutkan nama program bantuan dan bulan terakhir bantuan diterima.",
        )],
    ),
    (
        "answered-public",
        "complaint",
        "public",
        "Lift stasiun rusak sejak dua minggu",
        "Lift di Stasiun Tugu rusak sejak dua minggu. Penumpang lansia dan pengguna kursi roda tidak bisa naik ke peron.",
        "34",
        "34.71",
        "public-transport",
        "kemenhub",
        &[
            (Status::Verified, Actor::Verifier, true, ""),
            (Status::Routed, Actor::Verifier, true, ""),
            (
                Status::Answered,
                Actor::Officer,
                true,
                "Lift sudah diperbaiki pada 20 November. Kami juga menambah pemeriksaan mingguan.",
            ),
        ],
    ),
    (
        "closed-public",
        "information",
        "public",
        "Jadwal pendaftaran sekolah inklusif",
        "Kapan jadwal pendaftaran sekolah inklusif tingkat SD untuk tahun ajaran baru, dan dokumen apa saja yang perlu disiapkan?",
        "51",
        "51.03",
        "education",
        "reg-51.03",
        &[
            (Status::Verified, Actor::Verifier, true, ""),
            (Status::Routed, Actor::Verifier, true, ""),
            (
                Status::Answered,
                Actor::Officer,
                true,
                "Pendaftaran dibuka 2 sampai 20 Juni. Dokumen: akta kelahiran, kartu keluarga, dan surat keterangan dari psikolog jika ada.",
            ),
            (Status::Closed, Actor::Officer, true, ""),
        ],
    ),
    (
        "rejected-public",
        "complaint",
        "public",
        "Iklan",
        "Laporan ini berisi iklan.",
        "31",
        "31.74",
        "other",
        "",
        &[(
            Status::Rejected,
            Actor::Verifier,
            true,
            "Laporan tidak berisi keluhan tentang layanan publik.",
        )],
    ),
    (
        "routed-confidential",
        "complaint",
        "confidential",
        "Pungutan liar saat mengurus KTP",
        "Petugas meminta uang tambahan saat saya mengurus KTP elektronik.",
        "35",
        "35.78",
        "corruption",
        "dukcapil",
        &[
            (Status::Verified, Actor::Verifier, false, ""),
            (Status::Routed, Actor::Verifier, false, ""),
        ],
    ),
];

/// Create the demo reports; each call adds a new set.
pub async fn demo(state: &AppState) -> anyhow::Result<Vec<DemoReport>> {
    let content = state.content();
    let start = state.settings.clock.now() - Duration::days(10);
    let photo = demo_photo(state).await;
    let mut made = Vec::new();
    for (i, plan) in PLANS.iter().enumerate() {
        let (label, kind, privacy, title, description, province, regency, category, agency, steps) =
            *plan;
        let at = start + Duration::hours(i64::try_from(i).unwrap_or(0) * 7);
        let answers = Answers {
            kind: kind.into(),
            title: title.into(),
            description: description.into(),
            category: category.into(),
            province: province.into(),
            regency: regency.into(),
            day: "15".into(),
            month: "11".into(),
            year: "2026".into(),
            agency: agency.into(),
            privacy: privacy.into(),
            name: if privacy == "anonymous" {
                String::new()
            } else {
                "Warga Contoh".into()
            },
            email: "warga@contoh.id".into(),
            behalf: "self".into(),
            consent: "yes".into(),
            ..Answers::default()
        };
        let report = answers
            .parse(&content, deadlines::today(at))
            .map_err(|step| {
                anyhow::anyhow!("demo report {label}: step {} does not parse", step.slug())
            })?;
        let draft = crate::security::random_id()?;
        reports::create_draft(&state.db, &draft, "id", at).await?;
        if let Some(p) = &photo
            && i % 2 == 1
        {
            let upload = crate::security::random_id()?;
            reports::add_photo(
                &state.db,
                &draft,
                &upload,
                Some("Foto contoh dari lokasi"),
                p,
                5,
                at,
            )
            .await
            .map_err(|e| anyhow::anyhow!("demo photo: {e}"))?;
        }
        let key = AccessKey::derive(&state.secret_key, &draft);
        let sent = crate::db::sending::send(
            &state.db,
            None,
            &draft,
            &report,
            crate::db::sending::Origin::WEB,
            &key.hash(),
            "id",
            false,
            at,
        )
        .await
        .map_err(|e| anyhow::anyhow!("demo report {label}: {e}"))?;
        for (n, (status, actor, public, body)) in steps.iter().enumerate() {
            let when = at + Duration::days(i64::try_from(n).unwrap_or(0) + 1);
            let body = Some(*body).filter(|b| !b.is_empty());
            reports::set_status(
                &state.db,
                sent.report_id,
                *status,
                *actor,
                *public,
                body,
                when,
            )
            .await?;
        }
        made.push(DemoReport {
            label,
            code: sent.code.to_string(),
            key: key.to_string(),
        });
    }
    Ok(made)
}

/// A demo staff account and its password.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub email: &'static str,
    pub role: &'static str,
    pub password: String,
}

/// Demo staff accounts, one per role (the officer answers for the Ministry of
/// Transportation, which one demo report is routed to), each with a fresh random
/// password. Accounts that exist already are left as they are (not printed).
pub async fn demo_accounts(state: &AppState) -> anyhow::Result<Vec<DemoAccount>> {
    let now = state.settings.clock.now();
    let mut made = Vec::new();
    for (email, name, role, agency) in [
        ("admin@demo.balai.id", "Admin Demo", "admin", None),
        (
            "verifikator@demo.balai.id",
            "Verifikator Demo",
            "verifier",
            None,
        ),
        (
            "petugas.kemenhub@demo.balai.id",
            "Petugas Kemenhub Demo",
            "officer",
            Some("kemenhub"),
        ),
    ] {
        let password = format!("demo-{}", &crate::security::random_id()?[..16]);
        let hash = crate::domain::staff::hash_password(&password)?;
        if crate::db::staff::add_user(&state.db, email, name, role, agency, &hash, now).await? {
            made.push(DemoAccount {
                email,
                role,
                password,
            });
        }
    }
    Ok(made)
}

/// A photo for the demo reports, made from a shipped content image.
async fn demo_photo(state: &AppState) -> Option<crate::photos::ProcessedPhoto> {
    let path = state
        .settings
        .content_dir
        .join("images/campaign-lapor-tanpa-hambatan.jpg");
    let bytes = std::fs::read(path).ok()?;
    state
        .photos
        .process_async(bytes, Some("image/jpeg".into()))
        .await
        .ok()
}

/// A small, fast, deterministic generator (xorshift64*): the same seed gives the same data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SUBJECTS_ID: &[&str] = &[
    "Jalan berlubang",
    "Lampu jalan mati",
    "Trotoar tertutup lapak",
    "Bantuan sosial terlambat",
    "Antrean puskesmas panjang",
    "Ramp kantor kelurahan rusak",
    "Air PDAM keruh",
    "Pungutan liar",
    "Sekolah tanpa guru pendamping",
    "Bus tanpa lantai rendah",
    "Sampah menumpuk",
    "Izin usaha lambat",
];
const SUBJECTS_EN: &[&str] = &[
    "Potholes on the road",
    "Street lights out",
    "Pavement blocked by stalls",
    "Social assistance late",
    "Long queue at the health centre",
    "Broken ramp at the village office",
    "Murky tap water",
    "Illegal fees",
    "School without a support teacher",
    "Bus without a low floor",
    "Rubbish piling up",
    "Business permit slow",
];
const DETAILS_ID: &[&str] = &[
    "Sudah dua minggu belum ada perbaikan.",
    "Pengguna kursi roda tidak bisa lewat.",
    "Warga lansia kesulitan setiap hari.",
    "Mohon segera ditindaklanjuti.",
];
const DETAILS_EN: &[&str] = &[
    "Nothing has been repaired for two weeks.",
    "Wheelchair users cannot get through.",
    "Older residents struggle every day.",
    "Please act on this soon.",
];

/// `balai seed --reports N --seed S`: N synthetic reports across every area, category,
/// agency and state, with their timelines, in Indonesian and English, written in large
/// batches (each batch one transaction). Reports are written oldest first, so sending
/// order and id order agree. Returns how many were written.
pub async fn synthetic(
    state: &AppState,
    n: u64,
    seed: u64,
    now: time::OffsetDateTime,
) -> anyhow::Result<u64> {
    use crate::db::reports::{SyntheticEvent, SyntheticReport, insert_synthetic};
    let content = state.content();
    let provinces: Vec<&crate::content::areas::Area> = content.areas.provinces().collect();
    let categories: Vec<&str> = content
        .taxonomy
        .categories
        .iter()
        .map(|c| c.slug.as_str())
        .collect();
    let national: Vec<&str> = content
        .taxonomy
        .national
        .iter()
        .map(|a| a.slug.as_str())
        .collect();
    anyhow::ensure!(
        !provinces.is_empty() && !categories.is_empty(),
        "content has no areas or categories"
    );
    let mut rng = Rng::new(seed);
    let span = time::Duration::days(730);
    let start = now - span;
    let step = span / i32::try_from(n.max(1)).unwrap_or(i32::MAX);
    let mut written = 0u64;
    let batch = 500u64;
    let mut i = 0u64;
    while i < n {
        let mut rows = Vec::new();
        for j in i..(i + batch).min(n) {
            let province = *rng.pick(&provinces);
            let regencies: Vec<&crate::content::areas::Area> =
                content.areas.regencies_in(&province.code).collect();
            let regency = regencies
                .get(rng.below(regencies.len()))
                .map_or_else(String::new, |r| r.code.clone());
            let created = start
                + step * i32::try_from(j).unwrap_or(0)
                + time::Duration::seconds(i64::try_from(rng.below(3600)).unwrap_or(0));
            let english = rng.below(5) == 0;
            let s = rng.below(SUBJECTS_ID.len());
            let (title, detail) = if english {
                (SUBJECTS_EN[s], *rng.pick(DETAILS_EN))
            } else {
                (SUBJECTS_ID[s], *rng.pick(DETAILS_ID))
            };
            let agency = match rng.below(3) {
                0 => format!("reg-{regency}"),
                1 => format!("prov-{}", province.code),
                _ => (*rng.pick(&national)).to_owned(),
            };
            // Mostly resolved, as an archive is; the rest in every other state.
            let roll = rng.below(100);
            let stage = match roll {
                0..=54 => 6,  // closed
                55..=64 => 5, // answered
                65..=74 => 4, // in progress (routed)
                75..=81 => 3, // verified
                82..=87 => 2, // submitted
                88..=91 => 1, // info requested
                _ => 0,       // rejected
            };
            let mut small = |n: usize| i64::try_from(rng.below(n)).unwrap_or(0);
            let offsets = [1 + small(4), 3 + small(3), 6 + small(12), 20 + small(10)];
            let hour = small(8);
            let days = |d: i64| created + time::Duration::days(d) + time::Duration::hours(hour);
            let verified = (stage >= 3).then(|| days(offsets[0]));
            let routed = (stage >= 4).then(|| days(offsets[1]));
            let answered = (stage >= 5).then(|| days(offsets[2]));
            let closed = (stage >= 6).then(|| days(offsets[3]));
            let status = [
                Status::Rejected,
                Status::InfoRequested,
                Status::Submitted,
                Status::Verified,
                Status::Routed,
                Status::Answered,
                Status::Closed,
            ][stage];
            let privacy = match rng.below(10) {
                0 => "confidential",
                1..=2 => "anonymous",
                _ => "public",
            };
            let mut events = vec![SyntheticEvent {
                at: created,
                kind: EventKind::Submitted,
                actor: Actor::Reporter,
                public: true,
                body: None,
            }];
            for (at, kind, actor) in [
                (verified, EventKind::Verified, Actor::Verifier),
                (routed, EventKind::Routed, Actor::Verifier),
                (answered, EventKind::Answered, Actor::Officer),
                (closed, EventKind::Closed, Actor::System),
            ] {
                if let Some(at) = at {
                    let body = (kind == EventKind::Answered).then_some(if english {
                        "The problem has been fixed."
                    } else {
                        "Masalah sudah diperbaiki."
                    });
                    events.push(SyntheticEvent {
                        at,
                        kind,
                        actor,
                        public: true,
                        body,
                    });
                }
            }
            if stage == 0 {
                events.push(SyntheticEvent {
                    at: days(2),
                    kind: EventKind::Rejected,
                    actor: Actor::Verifier,
                    public: true,
                    body: Some("Bukan layanan publik."),
                });
            }
            rows.push(SyntheticReport {
                code: synthetic_code(seed, j),
                draft_id: format!("seed-{seed}-{j}"),
                kind: ["complaint", "aspiration", "information"][rng.below(3)],
                category: (*rng.pick(&categories)).to_owned(),
                title: title.to_owned(),
                description: format!("{title}. {detail}"),
                province: province.code.clone(),
                regency,
                agency: (stage >= 4).then_some(agency),
                privacy,
                lang: if english { "en" } else { "id" },
                status,
                created_at: created,
                verified_at: verified,
                routed_at: routed,
                answered_at: answered,
                closed_at: closed,
                events,
            });
        }
        written += insert_synthetic(&state.db, &rows).await?;
        i += batch;
    }
    Ok(written)
}

/// A code for synthetic report `i`: distinct for every `i` below 30^9 (a multiplication by
/// a number coprime with 30 is a bijection modulo 30^9), and unlike real codes in spread.
fn synthetic_code(seed: u64, i: u64) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
    let modulus: u128 = 30u128.pow(9);
    let mut x = (u128::from(i) * 1_000_000_007 + u128::from(seed) * 7_777_777) % modulus;
    let mut out = [b'2'; 9];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[usize::try_from(x % 30).unwrap_or(0)];
        x /= 30;
    }
    String::from_utf8_lossy(&out).into_owned()
}
