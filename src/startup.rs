//! Wiring: every route and every middleware, and the server's life from start to
//! graceful shutdown (with the background tasks: housekeeping, content reload).

use crate::body_limit;
use crate::error::render_error_page;
use crate::routes;
use crate::settings::Settings;
use crate::state::AppState;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{ErrorHandlers, Next, from_fn};
use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::Context;
use futures_util::FutureExt;
use std::net::TcpListener;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

/// The Content-Security-Policy of every response (defined beside the other security
/// headers; named here too, where tests have always found it).
pub use crate::security::CSP;

/// The application: routes and middleware around `state`.
pub fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    app_with(state, |_| {})
}

/// The application with extra routes registered first; tests use it to reach states
/// (a panic, a 429) through the real middleware stack.
pub fn app_with(
    state: web::Data<AppState>,
    extra: impl FnOnce(&mut web::ServiceConfig),
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let max_body = state.settings.max_body_bytes;
    App::new()
        .app_data(state)
        .app_data(web::PayloadConfig::new(max_body))
        .app_data(web::FormConfig::default().limit(body_limit::TEXT_FORM_LIMIT))
        .configure(extra)
        // Routes are grouped under literal prefixes: a scope with a literal prefix is a
        // string comparison, a pattern with a `{name}` a regex run. The profile of a kept
        // page (issue #24) had routing try some 36 regexes per workshop page, a third of its
        // instructions; grouped, a request runs only the patterns of its own group.
        .route("/", web::get().to(routes::language::root))
        .route("/health", web::get().to(routes::health::check))
        .route("/health/details", web::get().to(routes::health::details))
        .service(
            web::scope("/assets").route("/{hash}/{file:.*}", web::get().to(routes::assets::serve)),
        )
        .service(
            web::scope("/media")
                .service(resource("/content/{hash}/{width}.jpg").get(routes::media::content_image))
                .service(resource("/{id}/{variant}").get(routes::reports::public::photo)),
        )
        .service(
            web::scope("/data")
                .service(resource("/reports.csv").get(routes::open_data::csv))
                .service(resource("/reports.json").get(routes::open_data::json)),
        )
        .service(
            web::scope("/feeds")
                .service(resource("/resolved.atom").get(routes::open_data::resolved))
                .service(resource("/reports/{code}.atom").get(routes::open_data::timeline)),
        )
        // Open311 GeoReport v2 (issue #19): reads are public, POST needs a partner key.
        .service(
            web::scope("/open311/v2")
                .service(resource("/discovery.{format}").get(routes::open311::read::discovery))
                .service(resource("/services.{format}").get(routes::open311::read::services))
                .service(resource("/services/{code}.{format}").get(routes::open311::read::service))
                .service(
                    resource("/requests.{format}")
                        .get(routes::open311::read::requests)
                        .post(routes::open311::write::create),
                )
                .service(resource("/requests/{id}.{format}").get(routes::open311::read::request)),
        )
        // The agency API (issue #19): JSON, a partner key tied to an agency (Bearer).
        .service(
            web::scope("/api")
                .service(resource("/v1/agency/cases").get(routes::agency_api::queue))
                .service(resource("/v1/agency/cases/{code}").get(routes::agency_api::show))
                .service(resource("/v1/agency/cases/{code}/actions").post(routes::agency_api::act))
                .service(resource("/openapi.json").get(routes::openapi::document)),
        )
        .route("/robots.txt", web::get().to(routes::robots::show))
        .route("/{lang}", web::get().to(routes::language::bare_prefix))
        .service(
            web::scope("/{lang}")
                .service(resource("/").get(routes::home::show))
                .service(web::scope("/pages").service(resource("/{slug}").get(routes::pages::show)))
                .service(
                    web::scope("/accessibility")
                        .service(
                            resource("/report")
                                .get(routes::barrier::form)
                                .post(routes::barrier::submit),
                        )
                        .service(resource("/report/sent").get(routes::barrier::sent)),
                )
                .service(
                    web::scope("/campaigns")
                        .service(resource("").get(routes::campaigns::list))
                        .service(resource("/{slug}").get(routes::campaigns::show)),
                )
                .service(resource("/statistics").get(routes::statistics::show))
                .service(
                    web::scope("/agencies")
                        .service(resource("").get(routes::statistics::agencies))
                        .service(resource("/{slug}").get(routes::statistics::agency)),
                )
                .service(
                    web::scope("/reports")
                        .service(resource("").get(routes::browse::list))
                        .service(
                            resource("/new")
                                .get(routes::reports::form::start)
                                .post(routes::reports::form::begin),
                        )
                        .service(resource("/new/send").post(routes::reports::send::send))
                        .service(resource("/new/sent").get(routes::reports::send::sent))
                        .service(
                            resource("/new/photos")
                                .get(routes::reports::form::show_photos)
                                .post(routes::reports::photos::upload),
                        )
                        .service(
                            resource("/new/photos/{id}/remove")
                                .post(routes::reports::photos::remove),
                        )
                        .service(
                            resource("/new/{step}")
                                .get(routes::reports::form::show)
                                .post(routes::reports::form::save),
                        )
                        .service(resource("/{code}").get(routes::reports::public::show)),
                )
                .service(
                    web::scope("/track")
                        .service(
                            resource("")
                                .get(routes::reports::track::form)
                                .post(routes::reports::track::find),
                        )
                        .service(resource("/leave").post(routes::reports::track::leave))
                        .service(
                            resource("/lost-key")
                                .get(routes::reports::lost_key::form)
                                .post(routes::reports::lost_key::ask),
                        )
                        .service(
                            resource("/new-key/{token}")
                                .get(routes::reports::lost_key::link)
                                .post(routes::reports::lost_key::make),
                        )
                        .service(resource("/{code}").get(routes::reports::track::private_view))
                        .service(resource("/{code}/{action}").post(routes::reports::track::act)),
                )
                .service(
                    web::scope("/staff")
                        .service(resource("").get(routes::staff::queue::show))
                        .service(
                            resource("/sign-in")
                                .get(routes::staff::auth::form)
                                .post(routes::staff::auth::sign_in),
                        )
                        .service(resource("/sign-out").post(routes::staff::auth::sign_out))
                        .service(
                            resource("/accounts")
                                .get(routes::staff::admin::accounts)
                                .post(routes::staff::admin::create),
                        )
                        .service(resource("/accounts/new").get(routes::staff::admin::new_account))
                        .service(resource("/accounts/{id}").get(routes::staff::admin::account))
                        .service(
                            resource("/password")
                                .get(routes::staff::password::form)
                                .post(routes::staff::password::change),
                        )
                        .service(
                            resource("/accounts/{id}/disable").post(routes::staff::admin::disable),
                        )
                        .service(resource("/outbox").get(routes::staff::outbox::show))
                        .service(
                            resource("/email")
                                .get(routes::staff::digest::show)
                                .post(routes::staff::digest::set),
                        )
                        .service(resource("/workshops").get(routes::staff::workshops::list))
                        .service(resource("/workshops/{slug}").get(routes::staff::workshops::show))
                        .service(
                            resource("/workshops/{slug}/needs")
                                .post(routes::staff::workshops::set_need),
                        )
                        .service(
                            resource("/workshops/{slug}/registrations.csv")
                                .get(routes::staff::workshops::csv),
                        )
                        .service(
                            resource("/desk")
                                .get(routes::staff::desk::form)
                                .post(routes::staff::desk::submit),
                        )
                        .service(resource("/desk/sent/{form_id}").get(routes::staff::desk::sent))
                        .service(resource("/integrations").get(routes::staff::integrations::show))
                        .service(
                            resource("/integrations/keys")
                                .post(routes::staff::integrations::create_key),
                        )
                        .service(
                            resource("/integrations/keys/{id}/revoke")
                                .post(routes::staff::integrations::revoke_key),
                        )
                        .service(
                            resource("/integrations/webhooks")
                                .post(routes::staff::integrations::set_webhook),
                        )
                        .service(
                            resource("/integrations/webhooks/{agency}/disable")
                                .post(routes::staff::integrations::disable_webhook),
                        )
                        .service(
                            resource("/integrations/deliveries/{id}/resend")
                                .post(routes::staff::integrations::resend),
                        )
                        .service(resource("/reports/{id}").get(routes::staff::case::show))
                        .service(resource("/reports/{id}/{action}").post(routes::staff::case::act)),
                )
                .service(
                    web::scope("/mail").service(
                        resource("/stop/{token}")
                            .get(routes::mail::confirm)
                            .post(routes::mail::stop),
                    ),
                )
                .service(
                    web::scope("/workshops")
                        .service(resource("").get(routes::workshops::pages::list))
                        .service(
                            resource("/registrations")
                                .get(routes::workshops::registrations::lookup_form)
                                .post(routes::workshops::registrations::lookup),
                        )
                        .service(
                            resource("/registrations/{code}")
                                .get(routes::workshops::registrations::status),
                        )
                        .service(
                            resource("/registrations/{code}/cancel")
                                .get(routes::workshops::registrations::cancel_form)
                                .post(routes::workshops::registrations::cancel),
                        )
                        .service(resource("/{slug}.ics").get(routes::workshops::pages::calendar))
                        .service(resource("/{slug}").get(routes::workshops::pages::show))
                        .service(
                            resource("/{slug}/register")
                                .get(routes::workshops::register::form)
                                .post(routes::workshops::register::submit),
                        ),
                ),
        )
        // What no route answers: a trailing slash moves (`routes::slash`), the rest is 404.
        .default_service(web::to(routes::slash::fallback))
        // Innermost first: bodies over their route's limit become 413s (see `body_limit`),
        // then every bare error response (including the 500 of a caught panic, see
        // `resource`) gets the localized shell.
        .wrap_fn(move |mut req, srv| {
            let limit = body_limit::limit_for(&req, max_body);
            let outcome = if body_limit::declared_length(&req).is_some_and(|n| n > limit as u64) {
                let (http_req, _) = req.into_parts();
                let res = HttpResponse::new(StatusCode::PAYLOAD_TOO_LARGE);
                Err(ServiceResponse::new(http_req, res))
            } else {
                body_limit::guard_payload(&mut req, limit);
                Ok(actix_web::dev::Service::call(srv, req))
            };
            async move {
                match outcome {
                    Ok(fut) => fut.await.map(ServiceResponse::map_into_left_body),
                    Err(refused) => Ok(refused.map_into_right_body()),
                }
            }
        })
        .wrap(ErrorHandlers::new().default_handler(render_error_page))
        // Compression (actix's `Compress`) only for requests that name an encoding.
        .wrap(crate::compress::CompressWhenAsked)
        // Compress appends its own `Vary: accept-encoding`: one Vary, each name once.
        .wrap_fn(|req, srv| {
            let res = actix_web::dev::Service::call(srv, req);
            async move {
                let mut res = res.await?;
                crate::http_cache::one_vary(res.headers_mut());
                Ok(res)
            }
        })
        .wrap(crate::security::Headers)
        .wrap(crate::head::AsGet)
        .wrap(crate::telemetry::RequestLogger)
}

/// Every resource is made with this guard: a state-changing request from another site is
/// refused (403, nothing runs: no public form can be posted from elsewhere into a visitor's
/// draft or private view), and a handler that panics answers a 500 page instead of
/// dropping the connection. (The guard sits on the resource, not the app: an app-level
/// middleware may not hold the request while routing writes into it.)
pub fn resource(
    path: &str,
) -> actix_web::Resource<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::resource(path).wrap(from_fn(guard))
}

async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let http_req = req.request().clone();
    let reads = matches!(
        *req.method(),
        actix_web::http::Method::GET | actix_web::http::Method::HEAD
    );
    if !reads && !crate::security::same_origin(&http_req) && !cross_site_allowed(http_req.path()) {
        tracing::warn!(
            path = %crate::telemetry::loggable_path(http_req.path()),
            "cross-site request refused"
        );
        let res = HttpResponse::Forbidden().finish();
        return Ok(ServiceResponse::new(http_req, res).map_into_right_body());
    }
    let private = !reads || private_path(http_req.path());
    // Counted until answered, so a stop waits for it (`drain`).
    let requests = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.requests.clone());
    let _ticket = requests.as_ref().map(crate::drain::Requests::enter);
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(Ok(mut res)) => {
            if private && !res.headers().contains_key(header::CACHE_CONTROL) {
                res.headers_mut().insert(
                    header::CACHE_CONTROL,
                    header::HeaderValue::from_static(crate::http_cache::PRIVATE),
                );
            }
            // An answer that sets a cookie is one person's: never kept by a cache and never
            // revalidated, whatever its handler said (`http_cache`).
            if res.headers().contains_key(header::SET_COOKIE) {
                crate::http_cache::make_private(res.headers_mut());
            }
            if requests
                .as_ref()
                .is_some_and(crate::drain::Requests::draining)
            {
                res.response_mut()
                    .head_mut()
                    .set_connection_type(actix_web::http::ConnectionType::Close);
            }
            Ok(res.map_into_left_body())
        }
        Ok(Err(e)) => Err(e),
        Err(_) => {
            tracing::error!("a handler panicked");
            let res = HttpResponse::InternalServerError().finish();
            Ok(ServiceResponse::new(http_req, res).map_into_right_body())
        }
    }
}

/// The one-click stop of a message (RFC 8058): a mail client posts it from wherever it
/// runs, and the signed token in the path is the authority (`routes::mail`).
fn cross_site_allowed(path: &str) -> bool {
    // Open311's POST is a machine API authenticated by the partner key in the request, not
    // by a cookie: there is no ambient authority for another site to borrow.
    if matches!(
        path,
        "/open311/v2/requests.json" | "/open311/v2/requests.xml"
    ) {
        return true;
    }
    // The agency API's actions: authenticated by the partner key in the Authorization
    // header, which a browser never adds by itself (no cookie, no ambient authority).
    if path.starts_with("/api/v1/agency/cases/") && path.ends_with("/actions") {
        return true;
    }
    path.trim_start_matches('/')
        .split_once('/')
        .is_some_and(|(_, rest)| rest.starts_with("mail/stop/"))
}

/// Pages that may show personal data or a staff member's work (the back office, the report
/// form, a registration, the reporter's private view and its forms, stop links): never kept
/// by a browser or a proxy (`private, no-store`; answers to forms neither).
fn private_path(path: &str) -> bool {
    let rest = path
        .trim_start_matches('/')
        .split_once('/')
        .map_or("", |(_, rest)| rest);
    [
        "staff",
        "reports/new",
        "workshops/registrations",
        "accessibility/report",
        "track",
        "mail/stop",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
        || (rest.starts_with("workshops/") && rest.ends_with("/register"))
}

/// Every connection holds a file descriptor: take the most the system allows (the soft
/// limit is often 1024 while the hard one is far higher), so a burst of slow clients meets
/// the body time-out (`body_limit`) before it meets `Too many open files`.
fn raise_open_files_limit() {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => tracing::debug!(open_files = n, "open-files limit"),
        Err(e) => tracing::warn!(error = %e, "cannot raise the open-files limit"),
    }
}

/// A built, listening server.
pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
}

impl Application {
    /// Build the state and bind the listener (`:0` picks a free port).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        raise_open_files_limit();
        let shutdown = settings.shutdown_timeout_secs;
        let mut settings = settings;
        if settings.mail.public_url.is_none() {
            let host = listener.local_addr()?.ip();
            settings.mail.public_url = Some(match host {
                std::net::IpAddr::V6(ip) => format!("http://[{ip}]:{port}"),
                ip => format!("http://{ip}:{port}"),
            });
        }
        let state = web::Data::new(AppState::build(settings).await?);
        let for_server = state.clone();
        let server = HttpServer::new(move || app(for_server.clone()))
            // Compressed pages leave in two writes (head, then body); without TCP_NODELAY
            // the second waits for the client's delayed ACK, about 40 ms a page.
            .on_connect(|conn, _| {
                if let Some(tcp) = conn.downcast_ref::<actix_web::rt::net::TcpStream>()
                    && let Err(e) = tcp.set_nodelay(true)
                {
                    tracing::warn!(error = %e, "cannot set TCP_NODELAY");
                }
            })
            .listen(listener)?
            // Signals are ours (below): actix alone would stop at once on Ctrl-C.
            .disable_signals()
            .shutdown_timeout(shutdown)
            // A slow client must not hold a worker: headers within 10 s.
            .client_request_timeout(Duration::from_secs(10))
            .run();
        Ok(Self {
            port,
            server,
            state,
        })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serve until SIGTERM or Ctrl-C; then stop accepting, let in-flight requests
    /// finish (`drain`), and close the database cleanly.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let handle = self.server.handle();
        reload_content_on_sighup(self.state.clone());
        warm_content_images(self.state.clone());
        housekeeping(self.state.clone());
        start_sending(self.state.clone())?;
        // Agency webhooks (issue #19): always on; with no endpoint set nothing is queued.
        crate::webhooks::spawn(self.state.clone());
        if let Some(replica) = &self.state.replica {
            let warn_after = Duration::from_secs(self.state.settings.replica_lag_warn_seconds);
            crate::replica::watch(replica.clone(), self.state.db.clone(), warn_after);
        }
        self.state.stats.warm(
            self.state.reads().clone(),
            self.state.content(),
            self.state.now(),
        );
        let requests = self.state.requests.clone();
        let timeout = Duration::from_secs(self.state.settings.shutdown_timeout_secs);
        tokio::spawn(async move {
            wait_for_stop_signal().await;
            tracing::info!(
                in_flight = requests.in_flight(),
                "stopping: finishing in-flight requests"
            );
            // New connections wait unanswered until the listener closes (then they are
            // reset, and a load balancer tries another instance).
            handle.pause().await;
            if !requests.drain(timeout).await {
                tracing::warn!(
                    in_flight = requests.in_flight(),
                    "stopping with requests still in flight after the shutdown timeout"
                );
            }
            handle.stop(true).await;
        });
        tracing::info!(
            port = self.port,
            backend = self.state.db.backend(),
            "Balai is serving"
        );
        self.server.await?;
        self.state.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Every ten minutes, close (as resolved) the answered reports whose reporter neither
/// replied nor asked to reopen within 10 working days, and erase the personal data that is
/// due (`retention`). Every instance may run it: each update is one transaction and doing
/// it twice changes nothing.
fn housekeeping(state: web::Data<AppState>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            let now = state.settings.clock.now();
            let content = state.content();
            let cutoff = crate::domain::deadlines::auto_close_cutoff(
                crate::domain::deadlines::today(now),
                &content.holidays,
            );
            let cutoff = cutoff.midnight().assume_utc();
            match crate::db::cases::auto_close(&state.db, cutoff, now).await {
                Ok(0) => {}
                Ok(n) => {
                    state.public_changed();
                    state.mail_written();
                    tracing::info!(closed = n, "answered reports closed after 10 working days")
                }
                Err(e) => tracing::warn!(error = ?e, "closing answered reports failed; will retry"),
            }
            match crate::db::rate_limits::prune(&state.db, now.unix_timestamp()).await {
                Ok(n) => tracing::debug!(windows = n, "rate-limit windows that are over deleted"),
                Err(e) => {
                    tracing::warn!(error = ?e, "deleting old rate-limit windows failed; will retry")
                }
            }
            if let Err(e) = crate::mail::schedule::run(&state, now).await {
                tracing::warn!(error = ?e, "writing scheduled messages failed; will retry");
            }
            match crate::retention::erase_due(&state, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(reports = n, "personal data of finished reports erased"),
                Err(e) => tracing::warn!(error = ?e, "erasing personal data failed; will retry"),
            }
        }
    });
}

/// Start the sender task when SMTP is set; otherwise say once that messages wait.
fn start_sending(state: web::Data<AppState>) -> anyhow::Result<()> {
    let mail = &state.settings.mail;
    match mail.smtp_url() {
        Some(url) => {
            let smtp = crate::mail::transport::Smtp::new(url, &mail.from)?;
            if mail.public_url().starts_with("http://127.")
                || mail.public_url().starts_with("http://[::1]")
            {
                tracing::warn!(
                    public_url = mail.public_url(),
                    "messages will link to a loopback address: set BALAI_PUBLIC_URL to the \
                     address people reach the site at"
                );
            }
            tracing::info!("sending messages over SMTP (BALAI_SMTP_URL)");
            crate::mail::sender::spawn(state.clone(), std::sync::Arc::new(smtp));
        }
        None => tracing::info!(
            "no SMTP server set (BALAI_SMTP_URL): messages wait in the outbox; admins see \
             them under Staff > Outbox and with `balai outbox list`, and they are sent once \
             SMTP is set"
        ),
    }
    Ok(())
}

/// Make the resized copies of every content image in the background, one at a time,
/// so the first visitors do not wait for them (they are cached in the data dir).
fn warm_content_images(state: web::Data<AppState>) {
    let content = state.content();
    let cache = state.settings.data_dir.join("content-images");
    tokio::task::spawn_blocking(move || {
        for image in content.images.all() {
            for (width, _) in image.variants() {
                if let Err(e) = crate::content::images::variant(image, width, &cache) {
                    tracing::warn!(image = %image.name, error = %e, "content image not resized");
                }
            }
        }
    });
}

/// SIGHUP reloads the content files without dropping a request; on a problem the old
/// content stays and the problem is logged.
fn reload_content_on_sighup(state: web::Data<AppState>) {
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hup) = signal(SignalKind::hangup()) else {
            return;
        };
        while hup.recv().await.is_some() {
            let state = state.clone();
            let result = tokio::task::spawn_blocking(move || state.reload_content()).await;
            match result {
                Ok(Ok(())) => tracing::info!("content reloaded"),
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "content not reloaded; keeping the old content")
                }
                Err(e) => tracing::error!(error = %e, "content reload failed"),
            }
        }
    });
    #[cfg(not(unix))]
    let _ = state;
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
