//! Workshop registrations. Places are given out inside one write transaction per
//! registration that first locks the workshop: SQLite's `BEGIN IMMEDIATE` already
//! serialises writers, PostgreSQL takes `FOR UPDATE` on the workshop's row in
//! `workshop_seats`. So two people can never take the last place at the same moment.

use super::outbox::{self, NewMessage};
use super::{Db, TxInner, WriteTx};
use crate::domain::Code;
use crate::domain::registration::{
    AccessNeed, Need, NeedStatus, NewRegistration, Registration, RegistrationStatus, WorkshopNeed,
};
use crate::mail::message::Message;
use crate::mail::workshops::WorkshopMessage;
use crate::{on_pool, on_tx};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Places of a workshop, per pool.
#[derive(Debug, Clone, Copy)]
pub struct Places {
    /// General places.
    pub general: u32,
    /// Wheelchair spaces.
    pub wheelchair: u32,
}

/// The outcome of [`create`].
#[derive(Debug, Clone)]
pub struct Created {
    /// The registration code.
    pub code: Code,
    /// Confirmed, waitlisted or held.
    pub status: RegistrationStatus,
    /// True when this form had already been sent: nothing new was created.
    pub repeated: bool,
}

/// Why [`create`] did not register anyone.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// This email address is already registered for the workshop.
    #[error("email already registered for this workshop")]
    EmailTaken,
    /// Anything else.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for CreateError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d)
                if d.is_unique_violation() && d.message().contains("email") =>
            {
                Self::EmailTaken
            }
            // SQLite names the columns, not the index, in its message.
            sqlx::Error::Database(d)
                if d.is_unique_violation() && d.message().contains("registrations.workshop") =>
            {
                Self::EmailTaken
            }
            _ => Self::Other(e.into()),
        }
    }
}

/// Lock the workshop's row for the rest of the transaction (PostgreSQL; SQLite's
/// immediate transaction already holds the write lock).
async fn lock_workshop(tx: &mut WriteTx, workshop: &str) -> Result<(), sqlx::Error> {
    if let TxInner::Postgres(t) = &mut tx.inner {
        sqlx::query("INSERT INTO workshop_seats (workshop) VALUES ($1) ON CONFLICT DO NOTHING")
            .bind(workshop)
            .execute(&mut **t)
            .await?;
        sqlx::query("SELECT workshop FROM workshop_seats WHERE workshop = $1 FOR UPDATE")
            .bind(workshop)
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

/// Register, giving a place if one is free in the right pool, else a waiting-list
/// place; `held` registrations (suspected spam) take no place. A form id already used
/// for this workshop returns that registration unchanged. In the same transaction: the
/// message to the registrant (confirmed with the calendar file, or the waiting-list
/// position), when they gave an email address, and to `contact_email` when they ask for
/// access needs; nothing for a held registration.
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one column or check of the registration"
)]
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(
    db: &Db,
    workshop: &str,
    lang: &str,
    places: Places,
    reg: &NewRegistration,
    form_id: &str,
    held: bool,
    contact_email: Option<&str>,
    now: OffsetDateTime,
) -> Result<Created, CreateError> {
    let mut tx = db.begin_write().await?;
    lock_workshop(&mut tx, workshop).await?;
    // A form id only stands for a resend of the same form to the same workshop: one seen
    // on someone's screen is no key to their registration from another workshop. Form ids
    // are unique across workshops, so one used elsewhere comes from an altered form: this
    // registration gets a fresh id and is held like other altered forms.
    const EXISTING: &str = "SELECT workshop, code, status FROM registrations WHERE form_id = $1";
    let existing: Option<(String, String, String)> = on_tx!(&mut tx, t => sqlx::query_as(EXISTING).bind(form_id).fetch_optional(&mut **t).await)?;
    let (form_id, held) = match existing {
        Some((of, code, status)) if of == workshop => {
            tx.commit().await?;
            let code =
                Code::parse(&code).ok_or_else(|| anyhow::anyhow!("stored code unreadable"))?;
            let status = RegistrationStatus::try_from(status).map_err(anyhow::Error::from)?;
            return Ok(Created {
                code,
                status,
                repeated: true,
            });
        }
        Some(_) => (crate::security::random_id()?, true),
        None => (form_id.to_owned(), held),
    };
    let (pool, capacity) = if reg.wants_wheelchair_space() {
        ("wheelchair", places.wheelchair)
    } else {
        ("general", places.general)
    };
    const TAKEN: &str = "SELECT COUNT(*) FROM registrations WHERE workshop = $1 AND pool = $2 AND status = 'confirmed'";
    let taken: i64 = on_tx!(&mut tx, t => sqlx::query_scalar(TAKEN).bind(workshop).bind(pool).fetch_one(&mut **t).await)?;
    let status = if held {
        RegistrationStatus::Held
    } else if taken < i64::from(capacity) {
        RegistrationStatus::Confirmed
    } else {
        RegistrationStatus::Waitlisted
    };
    let code = Code::generate()?;
    const INSERT: &str = "INSERT INTO registrations
        (code, form_id, workshop, lang, pool, status, name, email, phone, organisation, attendance, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id";
    let id: i64 = on_tx!(&mut tx, t => sqlx::query_scalar(INSERT)
        .bind(code.as_str())
        .bind(&form_id)
        .bind(workshop)
        .bind(lang)
        .bind(pool)
        .bind(status.as_str())
        .bind(&reg.name)
        .bind(reg.email.as_ref().map(|e| e.as_str()))
        .bind(reg.phone.as_ref().map(|p| p.as_str()))
        .bind(reg.organisation.as_deref())
        .bind(reg.attendance.as_str())
        .bind(now)
        .fetch_one(&mut **t)
        .await)?;
    const NEED: &str =
        "INSERT INTO registration_needs (registration_id, need, detail) VALUES ($1, $2, $3)";
    for (need, detail) in &reg.needs {
        on_tx!(&mut tx, t => sqlx::query(NEED).bind(id).bind(need.as_str()).bind(detail.as_deref()).execute(&mut **t).await.map(|r| r.rows_affected()))?;
    }
    if status != RegistrationStatus::Held {
        let (code, workshop) = (code.as_str().to_owned(), workshop.to_owned());
        if let Some(email) = &reg.email {
            let (message, cause) = if status == RegistrationStatus::Confirmed {
                let m = WorkshopMessage::Confirmed {
                    code: code.clone(),
                    workshop: workshop.clone(),
                    attendance: reg.attendance.as_str().to_owned(),
                    stamp: now.unix_timestamp(),
                };
                (m, "confirmed")
            } else {
                const POSITION: &str = "SELECT COUNT(*) FROM registrations
                    WHERE workshop = $1 AND pool = $2 AND status = 'waitlisted' AND id <= $3";
                let position: i64 = on_tx!(&mut tx, t => sqlx::query_scalar(POSITION).bind(&workshop).bind(pool).bind(id).fetch_one(&mut **t).await)?;
                let m = WorkshopMessage::Waitlisted {
                    code: code.clone(),
                    workshop: workshop.clone(),
                    position,
                    wheelchair: pool == "wheelchair",
                };
                (m, "waitlisted")
            };
            let row = Message::Workshop(message)
                .to_row(email.as_str(), lang, format!("registration:{id}:{cause}"))
                .about_registration(id);
            outbox::enqueue(&mut tx, &row, now).await?;
        }
        if let (Some(contact), false) = (contact_email, reg.needs.is_empty()) {
            let message = WorkshopMessage::NeedsRequested {
                code,
                workshop,
                needs: reg
                    .needs
                    .iter()
                    .map(|(n, _)| n.as_str().to_owned())
                    .collect(),
            };
            // The organisers read Indonesian, the site's first language.
            let row = Message::Workshop(message)
                .to_row(contact, "id", format!("registration:{id}:needs-to-contact"))
                .about_registration(id);
            outbox::enqueue(&mut tx, &row, now).await?;
        }
    }
    tx.commit().await?;
    Ok(Created {
        code,
        status,
        repeated: false,
    })
}

/// The registration with this code.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn find(db: &Db, code: &Code) -> anyhow::Result<Option<Registration>> {
    const SQL: &str = "SELECT id, code, workshop, lang, pool, status, name, email, phone, organisation, attendance, created_at
                       FROM registrations WHERE code = $1";
    Ok(
        on_pool!(db, pool => sqlx::query_as::<_, Registration>(SQL).bind(code.as_str()).fetch_optional(pool).await)?,
    )
}

/// Its access needs, in the form's order.
#[tracing::instrument(level = "debug", skip_all, fields(registration_id = registration_id))]
pub async fn needs(db: &Db, registration_id: i64) -> anyhow::Result<Vec<Need>> {
    const SQL: &str =
        "SELECT need, detail, status FROM registration_needs WHERE registration_id = $1";
    let mut rows: Vec<Need> = on_pool!(db, pool => sqlx::query_as::<_, Need>(SQL).bind(registration_id).fetch_all(pool).await)?;
    rows.sort_by_key(|n| {
        AccessNeed::parse(&n.need).and_then(|a| AccessNeed::ALL.iter().position(|x| *x == a))
    });
    Ok(rows)
}

/// Place on the waiting list (1 = next), for a waitlisted registration.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn waitlist_position(db: &Db, reg: &Registration) -> anyhow::Result<i64> {
    const SQL: &str = "SELECT COUNT(*) FROM registrations
                       WHERE workshop = $1 AND pool = $2 AND status = 'waitlisted' AND id <= $3";
    Ok(
        on_pool!(db, pool => sqlx::query_scalar(SQL).bind(&reg.workshop).bind(&reg.pool).bind(reg.id).fetch_one(pool).await)?,
    )
}

/// Confirmed places taken, by workshop and pool.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn confirmed_counts(db: &Db) -> anyhow::Result<HashMap<(String, String), i64>> {
    const SQL: &str = "SELECT workshop, pool, COUNT(*) FROM registrations WHERE status = 'confirmed' GROUP BY workshop, pool";
    let rows: Vec<(String, String, i64)> =
        on_pool!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|(w, p, n)| ((w, p), n)).collect())
}

/// Cancel; a confirmed place goes to the first on the waiting list of the same pool.
/// Both are told (when they gave an email address), in the same transaction.
/// Returns false when it was already cancelled.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel(db: &Db, reg: &Registration, now: OffsetDateTime) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    lock_workshop(&mut tx, &reg.workshop).await?;
    const STATUS: &str = "SELECT status FROM registrations WHERE id = $1";
    let status: String =
        on_tx!(&mut tx, t => sqlx::query_scalar(STATUS).bind(reg.id).fetch_one(&mut **t).await)?;
    let status = RegistrationStatus::try_from(status)?;
    if status == RegistrationStatus::Cancelled {
        tx.commit().await?;
        return Ok(false);
    }
    const CANCEL: &str =
        "UPDATE registrations SET status = 'cancelled', updated_at = $2 WHERE id = $1";
    on_tx!(&mut tx, t => sqlx::query(CANCEL).bind(reg.id).bind(now).execute(&mut **t).await.map(|r| r.rows_affected()))?;
    // A reminder or meeting link still waiting is not for them any more.
    const UNSENT: &str = "UPDATE outbox SET status = 'stopped', params = '{}'
        WHERE registration_id = $1 AND status = 'waiting'
        AND kind IN ('workshop-reminder', 'workshop-meeting-link')";
    on_tx!(&mut tx, t => sqlx::query(UNSENT).bind(reg.id).execute(&mut **t).await.map(|_| ()))?;
    if let Some(email) = &reg.email
        && status != RegistrationStatus::Held
    {
        let message = WorkshopMessage::Cancelled {
            code: reg.code.clone(),
            workshop: reg.workshop.clone(),
        };
        let row = Message::Workshop(message)
            .to_row(
                email,
                &reg.lang,
                format!("registration:{}:cancelled", reg.id),
            )
            .about_registration(reg.id);
        outbox::enqueue(&mut tx, &row, now).await?;
    }
    if status == RegistrationStatus::Confirmed {
        const NEXT: &str = "SELECT id, code, lang, email, attendance FROM registrations
            WHERE workshop = $1 AND pool = $2 AND status = 'waitlisted' ORDER BY id LIMIT 1";
        let next: Option<(i64, String, String, Option<String>, String)> = on_tx!(&mut tx, t => sqlx::query_as(NEXT).bind(&reg.workshop).bind(&reg.pool).fetch_optional(&mut **t).await)?;
        if let Some((id, code, lang, email, attendance)) = next {
            const PROMOTE: &str =
                "UPDATE registrations SET status = 'confirmed', updated_at = $2 WHERE id = $1";
            on_tx!(&mut tx, t => sqlx::query(PROMOTE).bind(id).bind(now).execute(&mut **t).await.map(|r| r.rows_affected()))?;
            if let Some(email) = email {
                let message = WorkshopMessage::Promoted {
                    code,
                    workshop: reg.workshop.clone(),
                    attendance,
                    stamp: now.unix_timestamp(),
                };
                let row = Message::Workshop(message)
                    .to_row(&email, &lang, format!("registration:{id}:promoted"))
                    .about_registration(id);
                outbox::enqueue(&mut tx, &row, now).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Every registration of a workshop, oldest first (staff).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn of_workshop(db: &Db, workshop: &str) -> anyhow::Result<Vec<Registration>> {
    const SQL: &str = "SELECT id, code, workshop, lang, pool, status, name, email, phone, organisation, attendance, created_at
        FROM registrations WHERE workshop = $1 ORDER BY id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(workshop).fetch_all(p).await)?)
}

/// Every access need asked for in a workshop's registrations.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn needs_of_workshop(db: &Db, workshop: &str) -> anyhow::Result<Vec<WorkshopNeed>> {
    const SQL: &str = "SELECT n.registration_id, n.need, n.detail, n.status FROM registration_needs n
        JOIN registrations r ON r.id = n.registration_id WHERE r.workshop = $1 ORDER BY n.registration_id, n.need";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(workshop).fetch_all(p).await)?)
}

/// Set where an access need stands; false when there is no such need in this workshop.
/// A real change tells the registrant (when they gave an email address) in the same
/// transaction; setting the status it already has changes nothing and sends nothing.
#[tracing::instrument(level = "debug", skip_all, fields(registration_id = registration_id))]
pub async fn set_need_status(
    db: &Db,
    workshop: &str,
    registration_id: i64,
    need: &str,
    status: NeedStatus,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    const FIND: &str = "SELECT n.status, r.code, r.lang, r.email FROM registration_needs n
        JOIN registrations r ON r.id = n.registration_id
        WHERE r.workshop = $1 AND n.registration_id = $2 AND n.need = $3";
    let found: Option<(String, String, String, Option<String>)> = on_tx!(&mut tx, t => sqlx::query_as(FIND).bind(workshop).bind(registration_id).bind(need).fetch_optional(&mut **t).await)?;
    let Some((before, code, lang, email)) = found else {
        tx.commit().await?;
        return Ok(false);
    };
    if before != status.as_str() {
        const SQL: &str =
            "UPDATE registration_needs SET status = $3 WHERE registration_id = $1 AND need = $2";
        on_tx!(&mut tx, t => sqlx::query(SQL).bind(registration_id).bind(need).bind(status.as_str()).execute(&mut **t).await.map(|r| r.rows_affected()))?;
        if let Some(email) = email {
            let message = WorkshopMessage::NeedStatus {
                code,
                workshop: workshop.to_owned(),
                need: need.to_owned(),
                status: status.as_str().to_owned(),
            };
            // One message per change: the same status set again later is a new change.
            let cause = format!(
                "registration:{registration_id}:need:{need}:{}:{}",
                status.as_str(),
                now.unix_timestamp_nanos()
            );
            let row = Message::Workshop(message)
                .to_row(&email, &lang, cause)
                .about_registration(registration_id);
            outbox::enqueue(&mut tx, &row, now).await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Confirmed registrations of a workshop that gave an email address (reminders, meeting
/// links).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn confirmed_with_email(db: &Db, workshop: &str) -> anyhow::Result<Vec<Registration>> {
    const SQL: &str = "SELECT id, code, workshop, lang, pool, status, name, email, phone, organisation, attendance, created_at
        FROM registrations WHERE workshop = $1 AND status = 'confirmed' AND email IS NOT NULL ORDER BY id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(workshop).fetch_all(p).await)?)
}

/// Write scheduled messages in one transaction (each once: their dedupe keys).
pub async fn write_messages(
    db: &Db,
    rows: &[NewMessage],
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for row in rows {
        outbox::enqueue(&mut tx, row, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The workshops that have registrations (retention).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn workshops(db: &Db) -> anyhow::Result<Vec<String>> {
    const SQL: &str = "SELECT DISTINCT workshop FROM registrations";
    Ok(on_pool!(db, p => sqlx::query_scalar(SQL).fetch_all(p).await)?)
}

/// Erase a workshop's registrations with their access needs (retention); with
/// `changed_before`, only those last changed before it. How many were erased.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn erase(
    db: &Db,
    workshop: &str,
    changed_before: Option<OffsetDateTime>,
) -> anyhow::Result<u64> {
    const WHICH: &str =
        "SELECT id FROM registrations WHERE workshop = $1 AND ($2 IS NULL OR updated_at < $2)";
    let needs = format!("DELETE FROM registration_needs WHERE registration_id IN ({WHICH})");
    let registrations = format!("DELETE FROM registrations WHERE id IN ({WHICH})");
    let mut tx = db.begin_write().await?;
    on_tx!(&mut tx, t => sqlx::query(&needs).bind(workshop).bind(changed_before).execute(&mut **t).await.map(|_| ()))?;
    let n = on_tx!(&mut tx, t => sqlx::query(&registrations).bind(workshop).bind(changed_before).execute(&mut **t).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n)
}
