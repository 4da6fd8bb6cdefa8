//! The back office's "Daily email" page: a member of staff turns their digest of cases
//! due and overdue off or on again.

use super::PageCtx;
use super::layout::{Title, page};
use super::staff::staff_bar;
use crate::domain::access::Staff;
use crate::domain::staff::Role;
use maud::{Markup, html};

/// Page: whether the daily email is on, and the button that changes it.
pub fn digest(ctx: &PageCtx, staff: &Staff, on: bool, saved: bool) -> Markup {
    let title = ctx.t("staff-digest-title");
    let gets_it = staff.role != Role::Admin;
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            (staff_bar(ctx, staff))
            @if saved {
                div.notice role="status" { p { strong { (ctx.t("staff-digest-saved")) } } }
            }
            h1 { (title) }
            p { (ctx.t("staff-digest-intro")) }
            @if !gets_it {
                p { (ctx.t("staff-digest-not-for-admins")) }
            } @else {
                p.registration-status { strong {
                    @if on { (ctx.t("staff-digest-is-on")) } @else { (ctx.t("staff-digest-is-off")) }
                } }
                form method="post" action=(ctx.url("/staff/email")) {
                    input type="hidden" name="csrf" value=(staff.session.csrf);
                    input type="hidden" name="digest" value=(if on { "off" } else { "on" });
                    @if on {
                        button.button.button--secondary type="submit" { (ctx.t("staff-digest-turn-off")) }
                    } @else {
                        button.button type="submit" { (ctx.t("staff-digest-turn-on")) }
                    }
                }
            }
        },
    )
}
