//! What each command of the command line does (`balai serve`, `migrate`, `backup`,
//! `restore`, `seed`, `user`, `content check`); `main.rs` only parses and calls [`run`].

use crate::cli::{Command, ContentAction, OutboxAction, PartnerAction, UserAction};
use crate::settings::Settings;
use crate::{content, db::Db, startup::Application};
use std::process::ExitCode;

/// Run `command` with `settings`; its exit code.
pub async fn run(command: Command, settings: Settings) -> ExitCode {
    let result = match command {
        Command::Serve(_) => match Application::build(log_where_data_lives(settings)).await {
            Ok(app) => app.run_until_stopped().await,
            Err(e) => Err(e),
        },
        Command::Migrate(_) => migrate(&settings).await,
        Command::Backup { to, .. } => backup(&settings, &to).await,
        Command::Restore { from, .. } => restore(&settings, &from).await,
        Command::Seed {
            demo,
            reports,
            seed: s,
            ..
        } => seed(settings, demo, reports, s).await,
        Command::User { action } => user(settings, action).await,
        Command::Partner { action } => partner(settings, action).await,
        Command::Outbox {
            action: OutboxAction::List { status, limit, .. },
        } => outbox_list(&settings, status.as_deref(), limit).await,
        Command::Content {
            action: ContentAction::Check(_),
        } => {
            return content_check(&settings);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("balai: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Say where the data lives, for whoever starts the portal for the first time (never the
/// database URL itself: it may hold a password).
fn log_where_data_lives(settings: Settings) -> Settings {
    match settings.sqlite_path() {
        Some(path) => tracing::info!(
            database = %path.display(),
            data_dir = %settings.data_dir.display(),
            "data lives in this SQLite file (created if missing); the data dir also keeps \
             the secret key unless one is given, and cached content images"
        ),
        None => tracing::info!(
            data_dir = %settings.data_dir.display(),
            "data lives in PostgreSQL (BALAI_DATABASE_URL); the data dir keeps cached \
             content images, and the secret key unless one is given"
        ),
    }
    settings
}

async fn seed(
    settings: Settings,
    demo: bool,
    reports: Option<u64>,
    seed: u64,
) -> anyhow::Result<()> {
    if !demo && reports.is_none() {
        anyhow::bail!("say what to seed: --demo, or --reports N [--seed S]");
    }
    let state = crate::state::AppState::build(settings).await?;
    if let Some(n) = reports {
        let started = std::time::Instant::now();
        let now = state.settings.clock.now();
        let written = crate::seed::synthetic(&state, n, seed, now).await?;
        println!(
            "{written} synthetic reports written in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        if !demo {
            state.db.close().await;
            return Ok(());
        }
    }
    // One line per report, tab-separated, for people and for the browser suite:
    // report <label> <code> <key>
    for r in crate::seed::demo(&state).await? {
        println!("report\t{}\t{}\t{}", r.label, r.code, r.key);
    }
    // staff <email> <role> <password>
    for a in crate::seed::demo_accounts(&state).await? {
        println!("staff\t{}\t{}\t{}", a.email, a.role, a.password);
    }
    state.db.close().await;
    Ok(())
}

async fn user(settings: Settings, action: UserAction) -> anyhow::Result<()> {
    use crate::domain::staff::{Role, check_new_password, hash_password};
    let state = crate::state::AppState::build(settings).await?;
    let now = state.settings.clock.now();
    let result = match action {
        UserAction::Add {
            email,
            name,
            role,
            agency,
            ..
        } => {
            let email = email.trim().to_lowercase();
            let role = Role::parse(&role)
                .ok_or_else(|| anyhow::anyhow!("--role must be admin, verifier or officer"))?;
            if crate::domain::Email::parse(&email).is_none() {
                anyhow::bail!("--email is not an email address");
            }
            let content = state.content();
            match (&agency, role) {
                (None, Role::Officer) => anyhow::bail!("an officer needs --agency"),
                (Some(a), _) if content.taxonomy.agency(a, &content.areas).is_none() => {
                    anyhow::bail!("unknown agency {a}: see content/reports/agencies.toml")
                }
                _ => {}
            }
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            check_new_password(password).map_err(|e| anyhow::anyhow!("{e}"))?;
            let hash = hash_password(password)?;
            if !crate::db::staff::add_user(
                &state.db,
                &email,
                name.trim(),
                role.as_str(),
                agency.as_deref(),
                &hash,
                now,
            )
            .await?
            {
                anyhow::bail!("an account with this email already exists");
            }
            println!("account {email} created ({})", role.as_str());
            Ok(())
        }
        UserAction::Disable { email, .. } => {
            if !crate::db::staff::disable_user(&state.db, &email, now).await? {
                anyhow::bail!("no account with this email");
            }
            println!("account {email} disabled; its sessions have ended");
            Ok(())
        }
    };
    state.db.close().await;
    result
}

async fn partner(settings: Settings, action: PartnerAction) -> anyhow::Result<()> {
    use crate::domain::partner;
    use secrecy::ExposeSecret;
    let state = crate::state::AppState::build(settings).await?;
    let now = state.settings.clock.now();
    let result = match action {
        PartnerAction::Add {
            name,
            agency,
            scope,
            per_minute,
            ..
        } => {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > partner::NAME_MAX {
                anyhow::bail!("--name must be 1 to {} characters", partner::NAME_MAX);
            }
            let scopes = partner::parse_scopes(&scope).map_err(|bad| {
                anyhow::anyhow!("unknown scope {bad:?}: --scope is a comma list of submit, read")
            })?;
            let content = state.content();
            if let Some(a) = &agency
                && content.taxonomy.agency(a, &content.areas).is_none()
            {
                anyhow::bail!("unknown agency {a}: see content/reports/agencies.toml");
            }
            let key = partner::generate()?;
            let scopes = partner::scopes_text(&scopes);
            let id = crate::db::partners::create(
                &state.db,
                &crate::db::partners::NewPartner {
                    name,
                    agency: agency.as_deref(),
                    scopes: &scopes,
                    key_hash: &key.hash,
                    key_prefix: &key.prefix,
                    per_minute,
                    created_by: None,
                },
                now,
            )
            .await?;
            // The only time the key is ever written anywhere: to the operator's terminal.
            println!("partner {id} ({name}) created with scopes {scopes}");
            println!("key: {}", key.secret.expose_secret());
            println!("(shown once: only its hash is kept)");
            Ok(())
        }
        PartnerAction::List { .. } => {
            println!("id\tname\tagency\tscopes\tkey\tper_minute\tcreated\trevoked");
            for p in crate::db::partners::list(&state.db).await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}…\t{}\t{}\t{}",
                    p.id,
                    p.name,
                    p.agency.as_deref().unwrap_or("-"),
                    p.scopes_text,
                    p.key_prefix,
                    p.per_minute,
                    p.created_at.date(),
                    p.revoked_at
                        .map_or("-".to_owned(), |t| t.date().to_string()),
                );
            }
            Ok(())
        }
        PartnerAction::Revoke { id, .. } => {
            if !crate::db::partners::revoke(&state.db, id, None, now).await? {
                anyhow::bail!("no partner {id}, or its key is already revoked");
            }
            println!("partner {id}: key revoked");
            Ok(())
        }
    };
    state.db.close().await;
    result
}

async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let db = Db::connect(settings.database_url()).await?;
    db.migrate().await?;
    db.close().await;
    println!("migrations applied");
    Ok(())
}

async fn backup(settings: &Settings, to: &std::path::Path) -> anyhow::Result<()> {
    let db = Db::connect(settings.database_url()).await?;
    let result = crate::db::backup::backup(&db, to).await;
    db.close().await;
    result?;
    println!("backup written to {}", to.display());
    Ok(())
}

async fn restore(settings: &Settings, from: &std::path::Path) -> anyhow::Result<()> {
    let Some(path) = settings.sqlite_path() else {
        anyhow::bail!("restore works on SQLite; for PostgreSQL use pg_restore (see the README)");
    };
    crate::db::backup::restore(from, &path).await?;
    println!("restored {} from {}", path.display(), from.display());
    Ok(())
}

/// `balai outbox list`: counts by status, then one line a message (no text; addresses
/// shortened).
async fn outbox_list(settings: &Settings, status: Option<&str>, limit: i64) -> anyhow::Result<()> {
    let db = Db::connect(settings.database_url()).await?;
    db.migrate().await?;
    let counts = crate::db::outbox::counts(&db).await?;
    let rows = crate::db::outbox::list(&db, status, limit).await?;
    db.close().await;
    let counts: Vec<String> = counts.iter().map(|(s, n)| format!("{s}: {n}")).collect();
    println!(
        "outbox: {}",
        if counts.is_empty() {
            "empty".to_owned()
        } else {
            counts.join(", ")
        }
    );
    for r in rows {
        println!(
            "{:>6}  {:<8} {:<26} {:<3} {:<22} tries {:>2}  {}{}",
            r.id,
            r.status,
            r.kind,
            r.lang,
            r.masked_recipient(),
            r.attempts,
            r.created_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            r.last_error.map(|e| format!("  ({e})")).unwrap_or_default()
        );
    }
    Ok(())
}

fn content_check(settings: &Settings) -> ExitCode {
    let problems = content::check::run(&settings.content_dir, &settings.locales_dir);
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        println!("content and locales: no problems");
        ExitCode::SUCCESS
    } else {
        println!("{} problem(s)", problems.len());
        ExitCode::FAILURE
    }
}
