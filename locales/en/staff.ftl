### The staff back office.

staff-sign-in-title = Staff sign-in
staff-email = Email address
staff-password = Password
staff-sign-in-button = Sign in
staff-sign-in-help = Accounts are created by an administrator. If you cannot sign in, ask your administrator.
staff-error-email-missing = Enter your email address
staff-error-password-missing = Enter your password
staff-error-sign-in = The email address or password is wrong
staff-sign-in-limited = Too many sign-in attempts. Try again in { $minutes } minutes.
staff-ended-idle = You were signed out after 8 hours without activity. Sign in again to continue.
staff-ended-expired = You were signed out because sessions last at most 12 hours. Sign in again to continue.
staff-ended-disabled = This account has been disabled.
staff-ended-signed-out = You have signed out.
staff-kept-notice = Your session had ended, so nothing was sent. What you wrote is kept: sign in again and you can check it and send it.
staff-kept-title = Check and send what you wrote
staff-kept-text = Your session ended before this was sent. Check it, then send it.
staff-kept-send = Send it now
staff-kept-discard = Do not send; go to the queue
staff-field-text = Text
staff-field-title = Title
staff-field-description = Description
staff-signed-in-as = Signed in as { $name } ({ $role })
staff-nav-label = Back office
staff-nav-queue = Queue
staff-nav-accounts = Accounts
staff-sign-out = Sign out
staff-role-admin = administrator
staff-role-verifier = verifier
staff-role-officer = agency officer
staff-queue-title = Reports queue
staff-lists-label = Lists
staff-list-new = New
staff-list-info = Waiting for information
staff-list-routed = Routed
staff-list-overdue = Overdue
staff-list-answered = Answered
staff-list-closed = Closed
staff-list-held = Suspected spam
staff-queue-heading = { $list }: { $count ->
    [one] 1 report
   *[other] { $count } reports
}
staff-queue-empty = No reports in this list.
staff-filter-any = Any
staff-filter-apply = Filter
staff-col-report = Report
staff-col-deadline = Deadline
staff-no-deadline = No deadline
staff-due-on = Due { $date }
staff-overdue-by = Overdue: due { $date }, { $days ->
    [one] 1 working day late
   *[other] { $days } working days late
}
staff-status-held = Suspected spam (held)
staff-case-title = Report { $code }
staff-anonymous = Hidden (anonymous report)
staff-rating = Reporter's rating
staff-personal-data-kept = The reporter kept text that looks like personal data. Edit the public text before publishing if needed.
staff-original-text = The reporter's original words
staff-photo-description = Description of photo { $n } (its alternative text)
staff-timeline = Timeline
staff-internal = internal
staff-actions = What you can do
staff-no-actions = There is nothing to do on this report in its current state.
staff-field-reason = Reason
staff-hint-reason-public = The reporter sees this reason.
staff-field-question = Question for the reporter
staff-hint-question = The reporter sees it in their private view and answers there.
staff-field-answer = Answer
staff-hint-answer = This is the agency's public answer. Do not include personal data.
staff-field-note = Note
staff-hint-note = Only staff see internal notes.
staff-field-route-note = Note for the agency (optional)
staff-hint-route-note = Shown on the timeline.
staff-field-until = Postpone until
staff-hint-edit = Remove personal data from the public title and text. The reporter's original words are kept for administrators.
staff-error-text-missing = Enter the text
staff-error-text-long = The text is too long: { $max } characters at most. Remove { $over ->
    [one] 1 character
   *[other] { $over } characters
}.
staff-error-agency = Choose an agency from the list
staff-error-until-past = The date must be after today
staff-error-photo-unknown = Choose one of this report's photos: the photo sent is not part of this report. Reload the page and try again.
staff-stale = Someone else changed this report while you were working on it. The page now shows the report as it is; what you wrote is still in the form. Check it and send again.
staff-not-allowed = This action is not possible in the report's current state. What you wrote is still in the form.
staff-audit = Audit log
staff-audit-when = When
staff-audit-who = Who
staff-audit-what = Action
staff-audit-report = Report
staff-audit-change = Change
staff-audit-empty = Nothing recorded yet.
staff-accounts-title = Staff accounts
staff-accounts-cli = Accounts are created on the server with the command balai user add.
staff-col-name = Name
staff-col-role = Role
staff-col-state = State
staff-account-active = Active
staff-account-disabled = Disabled
staff-account-title = Account { $email }
staff-account-disable = Disable this account
staff-action-verify = Verify
staff-button-verify = Verify the report
staff-done-verify = The report was verified.
staff-action-route = Route to an agency
staff-button-route = Route
staff-done-route = The report was routed.
staff-action-answer = Answer
staff-button-answer = Send the answer
staff-done-answer = The answer was sent.
staff-action-ask = Ask the reporter for information
staff-button-ask = Send the question
staff-done-ask = The question was sent to the reporter.
staff-action-postpone = Postpone
staff-button-postpone = Postpone
staff-done-postpone = The follow-up was postponed.
staff-action-not-ours = Not our authority
staff-button-not-ours = Send back to the verifiers
staff-done-not-ours = The report went back to the verifiers.
staff-action-close = Close as resolved
staff-button-close = Close as resolved
staff-done-close = The report was closed.
staff-action-reopen = Reopen
staff-button-reopen = Reopen
staff-done-reopen = The report was reopened.
staff-action-reject = Reject
staff-button-reject = Reject the report
staff-done-reject = The report was rejected.
staff-action-archive = Archive
staff-button-archive = Archive the report
staff-done-archive = The report was archived.
staff-action-release = Release (not spam)
staff-button-release = Release
staff-done-release = The report was released to the queue.
staff-action-discard = Discard as spam
staff-button-discard = Discard
staff-done-discard = The report was discarded as spam.
staff-action-edit = Edit the public title and text
staff-button-edit = Save the edit
staff-done-edit = The public text was edited.
staff-action-describe = Describe a photo
staff-button-describe = Save the description
staff-done-describe = The photo description was saved.
staff-action-note = Add an internal note
staff-button-note = Add the note
staff-done-note = The note was added.
report-event-rerouted = Sent to another government body
report-event-postponed = Follow-up postponed
report-event-not-ours = The body said it is not its authority
report-event-archived = Archived
report-event-edited = Public text edited to remove personal data
report-event-photo-described = Photo description added
report-event-released = Released from the spam check
report-event-discarded = Discarded as spam
report-event-note = Internal note
report-answered-late = Answered { $days ->
    [one] 1 working day
   *[other] { $days } working days
} after the deadline
report-answered-on-time = Answered within the deadline
track-ombudsman = Not satisfied with how your report was handled? You can take it to the Ombudsman of the Republic of Indonesia (Ombudsman RI), which oversees public services, or call 137.
staff-nav-workshops = Workshops
staff-workshops-title = Workshop registrations
staff-workshop = Workshop
staff-workshop-confirmed = Confirmed places
staff-workshop-places = { $taken } of { $capacity }
staff-workshop-title = Registrations: { $workshop }
staff-workshop-csv = Download the registrations (CSV)
staff-workshop-needs-heading = Access needs to arrange
staff-workshop-no-needs = No access needs were asked for.
staff-workshop-need = Need
staff-workshop-asked = Asked for
staff-workshop-arranged = Arranged
staff-workshop-registrations = { $count ->
    [one] 1 registration
   *[other] { $count } registrations
}
staff-registration-confirmed = Confirmed
staff-registration-waitlisted = On the waiting list
staff-registration-cancelled = Cancelled
staff-registration-held = Held (suspected spam)
staff-need-requested = Requested
staff-need-arranged = Arranged
staff-need-not-possible = Not possible yet
staff-need-save = Save

## #21: the queue's title names the list; the postpone reason; a registrant's phone
staff-queue-page-title = { $list } - Reports queue
staff-error-postpone-reason-missing = Enter why the report is postponed
staff-registrant-phone = Phone number
