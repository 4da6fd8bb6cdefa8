### Reports: the form, the confirmation, tracking and the private view.

moment-wib = { $date }, { $time } WIB

## Start
report-start-title = Send a report
report-start-lede = Tell the government about a problem with a public service, share an idea, or ask for information. It is free and you do not need an account.
report-start-need-heading = What you will be asked
report-start-need-what = what happened, in your own words
report-start-need-where = where and when it happened
report-start-need-photos = photos, if you have any (optional)
report-start-need-contact = your name and how to contact you (you can also report anonymously)
report-start-draft-kept = Your answers are saved on each page. You can stop and come back on this device: your report is kept for { $days } days after your last change.
report-start-no-time-limit = There is no time limit on any page. Take as long as you need.
report-start-button = Start your report
report-start-continue-heading = You have a report you have not sent
report-start-continue = Continue your report
report-start-new = Start a new report instead
report-start-another = Send another report
report-privacy-link = How we use your personal data (privacy notice)

## Steps
report-back = Back
report-continue = Continue
report-choose = Choose
report-step-of = Step { $n } of { $of }
report-draft-until = Your answers are saved. If you stop here, your report is kept until { $date }.
report-draft-restarted = Your earlier answers had expired, so we started a new report with what you typed on this page. Please check the other pages again.
report-step-kind = What kind of report is it?
report-kind-complaint = Complaint
report-kind-complaint-hint = Something in a public service went wrong or was unfair.
report-kind-aspiration = Aspiration
report-kind-aspiration-hint = An idea or suggestion to make a public service better.
report-kind-information = Information request
report-kind-information-hint = You want information that a government body holds.

report-step-details = What happened?
report-title-label = Title
report-title-hint = A short summary, up to { $max } characters, for example: "Ramp at the village office is broken".
report-description-label = Description
report-description-hint = Say what happened, who was affected and what you would like to happen. Up to { $max } characters.
report-category-label = Category
report-category-hint = Choose the one that fits best. Staff can change it.

report-step-personal-data = Your report may contain personal data
report-personal-data-intro = We found text that looks like personal data:
report-personal-data-nik = a 16-digit number that looks like an identity number (NIK)
report-personal-data-phone = a phone number
report-personal-data-email = an email address
report-personal-data-why = If your report is published, everyone could read this. Your name and contact are asked for separately and are never published.
report-personal-data-legend = What do you want to do?
report-personal-data-edit = Change the text to remove it
report-personal-data-keep = Keep the text as it is
report-personal-data-keep-hint = Staff may still remove personal data before your report is published.

report-step-province = In which province did it happen?
report-province-label = Province
report-province-hint = You will choose the regency or city on the next page.
report-step-place = Where exactly did it happen?
report-regency-label = Regency or city
report-regency-hint = Regencies and cities in { $province }.
report-place-label = Place (optional)
report-place-hint = For example, a street, a building or a village.
report-where = Where

report-step-date = When did it happen?
report-date-legend = Date it happened
report-date-hint = If you are not sure, give your best guess. For example, { $day } { $month } { $year }.
report-date-day = Day
report-date-month = Month
report-date-year = Year

report-step-agency = Which government body is responsible?
report-agency-label = Government body
report-agency-hint = If you do not know, leave "I don't know". Staff will send your report to the right body.
report-agency-unknown = I don't know (staff will choose)
report-agency-regional = Regional government
report-agency-national = National ministries and bodies
report-agency-not-yet = Not yet decided

report-step-photos = Do you have photos?
report-photos-intro = You can add up to { $max } photos. Photos are optional. Faces and car number plates in photos may be published if your report is public.
report-photos-none = You have not added any photos.
report-photos-added = { $count ->
    [one] You have added 1 photo
   *[other] You have added { $count } photos
}
report-photos-count = { $count ->
    [0] No photos
    [one] 1 photo
   *[other] { $count } photos
}
report-photos-full = You have added { $max } photos, the most allowed. Remove one to add another.
report-photo-add-heading = Add a photo
report-photo-label = Photo
report-photo-hint = JPEG, PNG or WebP, up to 10 MB. We remove location and camera details from the photo.
report-photo-description-label = Describe the photo (optional)
report-photo-description-hint = Say what the photo shows, for people who cannot see it. For example: "Broken ramp with a 20 cm step".
report-photo-description-max = Up to { $max } characters.
report-photo-upload = Upload photo
report-photo-remove = Remove
report-photo-no-description = No description
report-photo-default-alt = Photo { $n } of the report
report-photos-skip = Continue without photos

report-step-privacy = Who can see your report?
report-privacy-hint = Choose what fits you. You can report a problem without anyone knowing your name.
report-privacy-public = Public
report-privacy-public-hint = Your report is published once it has been checked. Your name and contact are never published. The government body sees your name.
report-privacy-anonymous = Anonymous
report-privacy-anonymous-hint = Your report is published once checked, but your name is hidden from the public and from the government body.
report-privacy-confidential = Confidential
report-privacy-confidential-hint = Nothing is published. Only staff and the government body see your report.
report-who-caption = Who sees what
report-who-choice = Your choice
report-who-what = What
report-who-public = The public
report-who-agency = The government body
report-who-row-report = Your report and photos
report-who-row-name = Your name and contact
report-who-staff = Balai staff who check reports can see everything, to contact you if needed.

report-step-about = About you
report-about-intro = We need your name and an email address or phone number, so that staff can contact you about your report.
report-about-intro-anonymous = You chose to report anonymously, so your name is optional. If you give a contact, only Balai staff see it.
report-name-label = Full name
report-name-label-optional = Full name (optional)
report-email-label = Email address
report-contact-hint = Give an email address, a phone number or both.
report-notify-legend = Email updates
report-notify = Tell me by email when my report changes
report-notify-hint = Only if you give an email address above. We write when your report is checked, sent to an agency, answered or closed, or when staff ask you something. We never send your access key by email.
report-phone-label = Phone number
report-behalf-legend = Who is this report for?
report-behalf-self = For myself
report-behalf-other = For someone else
report-behalf-other-hint = For example, a family member or a member of your organisation.
report-relationship-label = If for someone else: how are you related to them?
report-relationship-hint = For example: "mother", "disability organisation".
report-other-agreed-legend = If for someone else
report-other-agreed = The person this report is about agreed that I send it
report-consent-legend = Your consent
report-consent = I agree that Balai keeps my report and my personal data as the privacy notice explains
report-consent-hint = Your name and contact are only used to handle this report.

report-step-check = Check your answers before sending
report-change = Change
report-answer-none = Not given
report-check-kind = Kind of report
report-check-photos = Photos
report-check-privacy = Who can see it
report-check-contact = Contact
report-check-notify-yes = Yes, tell me by email when my report changes
report-check-notify-no = No
report-check-status = Status
report-check-behalf-other = For someone else ({ $relationship })
report-check-personal-data-kept = Your title or description contains text that looks like personal data. Staff may remove it before publishing.
report-check-send-heading = Now send your report
report-check-send-text = By sending, you confirm that what you wrote is true to the best of your knowledge.
report-send = Send report
report-not-saved = Your answers on this page could not be saved because of a problem on our side. They are still in the form below. Please press "Continue" again in a minute.
report-draft-too-large = Your answers on this page are far too long to be saved. Shorten the answers marked below, then press "Continue" again.
report-not-sent = Your report was not sent because of a problem on our side. All your answers are saved. Please try "Send report" again in a minute.

## Errors
report-error-kind = Choose the kind of report
report-error-title-missing = Enter a title
report-error-title-long = The title is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
report-error-description-missing = Describe what happened
report-error-description-long = The description is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
report-error-category = Choose a category
report-error-personal-data-choice = Choose whether to change the text or keep it
report-error-province = Choose a province
report-error-regency = Choose a regency or city
report-error-place-long = The place is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
report-error-day = Enter the day as a number from 1 to 31
report-error-month = Enter the month as a number from 1 to 12
report-error-year = Enter the year with 4 digits, for example 2026
report-error-date-invalid = Enter a real date (this month does not have that day)
report-error-date-future = The date must be today or in the past
report-error-date-early = The date must be in 1945 or later
report-error-agency = Choose a government body from the list, or "I don't know"
report-error-photo-missing = Choose a photo to upload, or press { $photos ->
    [0] "Continue without photos" to go on without one
   *[other] "Continue" to go on with the photos you have added
}
report-error-photo-not-stored = The photo could not be stored because of a problem on our side. Your description is kept: choose the photo again and upload it in a minute.
report-error-photo-too-many = You can add up to { $max } photos. Remove one to add another.
report-error-photo-description-long = The description is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
report-error-privacy = Choose who can see your report
report-error-name-missing = Enter your full name, or go back and choose to report anonymously
report-error-name-long = Your name is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
report-error-contact-missing = Enter an email address or a phone number
report-error-notify-email = Enter your email address to be told by email, or untick the box
report-error-behalf = Choose who this report is for
report-error-relationship-missing = Say how you are related to the person
report-error-relationship-long = This answer is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
report-error-other-agreed = Confirm that the person agreed, or choose "For myself"
report-error-consent = Tick the consent box so we can handle your report

## Sent
report-sent-title = Report sent
report-sent-code-label = Your tracking code is
report-sent-key-heading = Your access key
report-sent-key-label = With the tracking code, this key lets you see your whole report, answer questions and follow its progress:
report-sent-key-advice = Write down or save the code and the key now. We show the key only here, and we cannot show it again.
report-sent-next-heading = What happens next
report-sent-next-verify = Staff will check your report by { $date } and send it to the government body responsible. The body then has { $days } working days to follow it up.
report-sent-next-public = Once checked, your report will be published without your name or contact.
report-sent-next-anonymous = Once checked, your report will be published. Your name is hidden from the public and from the government body.
report-sent-next-confidential = Your report will not be published. Only staff and the government body will see it.
report-sent-track-link = Follow your report
report-sent-on = Sent on

## Status and timeline
report-status-submitted = Waiting to be checked
report-status-verified = Checked
report-status-rejected = Not accepted
report-status-info-requested = More information needed
report-status-routed = Sent to the government body
report-status-in-progress = Being handled
report-status-answered = Answered
report-status-closed = Closed (resolved)
report-status-archived = Archived
report-timeline-heading = What has happened so far
report-event-submitted = Report sent
report-event-verified = Report checked
report-event-rejected = Report not accepted
report-event-info-requested = More information asked for
report-event-reporter-info = Information added by the reporter
report-event-routed = Sent to the government body
report-event-in-progress = Being handled
report-event-answered = Answer given
report-event-closed = Closed as resolved
report-event-reopened = Reopened
report-event-rated = Outcome rated by the reporter
report-event-reopen-requested = The reporter asked to reopen
report-actor-reporter = Reporter
report-actor-verifier = Balai staff
report-actor-officer = Government body
report-actor-admin = Balai staff
report-actor-system = Balai
report-public-caption = Report { $code }
report-public-anonymous = This report was sent anonymously.
report-not-public-title = Report not found or not public
report-not-public-text = There is no public report with this code. The code may be wrong, or the report may not be published: reports are published only after they have been checked, and confidential reports are never published.
report-not-public-track = If this is your report, look it up with your code and access key

## Tracking
track-title = Follow a report
track-intro = Enter the tracking code you were given when you sent the report. To see your whole report and answer questions, also enter your access key.
track-code-label = Tracking code
track-code-hint = 9 letters and numbers, for example K7M-4QX-92B. Capital letters, spaces and dashes do not matter.
track-key-label = Access key (optional)
track-key-hint = Only if this is your report: the 28-character key shown when you sent it.
track-submit = Find the report
track-new-report-link = Send a new report
track-lost-key-link = I lost my access key
lost-key-title = Make a new access key
lost-key-intro = Give the tracking code of your report and the email address you gave with it. If they match, we send a link to that address. The link makes a new access key; the old key stops working.
lost-key-email-label = Email address given with the report
lost-key-email-hint = We can only help if you gave an email address when you sent the report. Without one, contact us through the page about Balai.
lost-key-submit = Send me a link
lost-key-back = Back to finding a report
lost-key-error-email-missing = Enter the email address you gave with the report
lost-key-sent-title = Check your email
lost-key-sent-text = If the code and address match a report, we have sent a link to that address. It works for one hour.
lost-key-sent-nothing = No message after a few minutes? Check your spam folder, and check the code and address you typed. You can ask again.
new-key-title = Make a new access key
new-key-intro = This makes a new access key for report { $code }.
new-key-old-stops = The old key will stop working. Keep the new key safe: we show it only once.
new-key-submit = Make a new access key
new-key-made-title = Your new access key
new-key-made-old = The old key no longer works.
new-key-gone-title = This link no longer works
new-key-gone-text = The link has been used, or it is more than one hour old. Each link works once, for one hour.
new-key-gone-again = Ask for a new link
track-view-expired = To see your report, enter your tracking code and access key again.
track-error-code-missing = Enter the tracking code
track-error-code-format = Enter the tracking code as it was shown: 9 letters and numbers, like K7M-4QX-92B
track-error-key-format = Enter the access key as it was shown: 28 letters and numbers
track-error-key-wrong = The tracking code and access key do not match. Check both and try again.
track-private-title = Your report { $code }
track-private-intro = Only you can see this page: it shows your personal data. Close it when you have finished, especially on a shared device.
track-info-requested = Staff have asked you for more information. Read their question below and answer it.
track-answer-heading = Answer the question
track-add-heading = Add information
track-info-label = Your information
track-info-hint = Only staff and the government body see this.
track-info-submit = Send information
track-done-info = Your information was added to your report.
track-done-rated = Thank you. Your rating was saved.
track-done-reopen = Your request to reopen was sent to staff.
track-error-info-missing = Enter the information you want to add
track-error-text-long = This text is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
track-rate-heading = Rate the outcome
track-rating-legend = How satisfied are you with how your report was handled?
track-rating-hint = 1 means not satisfied at all, 5 means very satisfied.
track-rating-1 = 1: not satisfied at all
track-rating-2 = 2: not satisfied
track-rating-3 = 3: neither
track-rating-4 = 4: satisfied
track-rating-5 = 5: very satisfied
track-comment-label = Comment (optional)
track-rate-submit = Save rating
track-error-rating = Choose a rating from 1 to 5
track-error-rating-not-yet = You can rate the outcome once your report has been answered
track-reopen-heading = Ask to reopen
track-reason-label = Why should the report be reopened?
track-reason-hint = You can ask within 30 days of the report being closed.
track-reopen-submit = Ask to reopen
track-error-reason-missing = Say why the report should be reopened
track-error-reopen-late = Reports can only be reopened within 30 days of being closed
track-leave-heading = Finished?
track-leave = Leave the private view on this device

## #21 (reporter journey): text kept when the private view closed; Ombudsman link;
## a report's current deadline; the postponed date
track-view-expired-kept = Your private view closed, but what you wrote is kept. Enter your access key again and it will be sent.
track-pending-heading = What you wrote
track-ombudsman-link = Complain to Ombudsman RI (ombudsman.go.id)
report-deadline-label = Current deadline
report-deadline-verify = To be checked by { $date }
report-deadline-answer = To be answered by { $date }
report-overdue = { $days ->
    [one] Overdue by 1 working day
   *[other] Overdue by { $days } working days
}
report-postponed-until = Postponed until { $date }
moment-zoned = { $date }, { $time } { $zone }

# Issue 21 (helper C): staff declined a request to reopen.
report-event-reopen-declined = Staff decided to keep the report closed
