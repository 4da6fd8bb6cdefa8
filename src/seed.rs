//! `balai seed --demo`: a small demo data set for trying Balai out and for the browser
//! suite: reports of every kind and privacy level in every state of their life, made
//! through the same code path as the form (answers, parse, send), with a photo.

use crate::db::reports;
use crate::domain::access_key::AccessKey;
use crate::domain::deadlines;
use crate::domain::report::Answers;
use crate::startup::AppState;
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
    &'static [(&'static str, &'static str, bool, &'static str)],
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
        &[("verified", "verifier", true, "")],
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
            "info-requested",
            "verifier",
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
            ("verified", "verifier", true, ""),
            ("routed", "verifier", true, ""),
            (
                "answered",
                "officer",
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
            ("verified", "verifier", true, ""),
            ("routed", "verifier", true, ""),
            (
                "answered",
                "officer",
                true,
                "Pendaftaran dibuka 2 sampai 20 Juni. Dokumen: akta kelahiran, kartu keluarga, dan surat keterangan dari psikolog jika ada.",
            ),
            ("closed", "officer", true, ""),
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
            "rejected",
            "verifier",
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
            ("verified", "verifier", false, ""),
            ("routed", "verifier", false, ""),
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
        if let Some(p) = &photo {
            if i % 2 == 1 {
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
        }
        let key = AccessKey::derive(&state.secret_key, &draft);
        let sent = reports::send(&state.db, &draft, &report, &key.hash(), "id", false, at)
            .await
            .map_err(|e| anyhow::anyhow!("demo report {label}: {e}"))?;
        for (n, (status, actor, public, body)) in steps.iter().enumerate() {
            let when = at + Duration::days(i64::try_from(n).unwrap_or(0) + 1);
            let body = Some(*body).filter(|b| !b.is_empty());
            reports::set_status(
                &state.db,
                sent.report_id,
                status,
                actor,
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
