# Campaigns, workshops and registration.

campaigns-title = Campaigns
campaigns-lede = Our campaigns invite citizens to use the complaint service. Each campaign holds workshops in several regions.
campaigns-all-link = All campaigns
campaign-workshops-upcoming = Upcoming workshops
campaign-workshops-past = Past workshops
campaign-no-upcoming = There are no new workshops for this campaign yet.

workshops-title = Workshops
workshops-lede = Learn how to send and follow a report, together with others. Workshops are free and open to everyone.
workshops-filter-province = Province
workshops-filter-all-provinces = All provinces
workshops-filter-format = How to take part
workshops-filter-all-formats = Any way
workshops-filter-submit = Show workshops
workshops-count = { $count ->
    [one] 1 workshop found
   *[other] { $count } workshops found
}
workshops-upcoming = Upcoming
workshops-past = Past
workshops-none-upcoming = No upcoming workshops match these choices. Try all provinces or any way of taking part.
workshops-none-past = No past workshops match these choices.
workshops-all-link = All workshops

workshop-when = When
workshop-where = Region
workshop-format = How to take part
workshop-places = Places
workshop-venue = Venue
workshop-online = Joining online
workshop-contact = Contact
workshop-part-of = Part of the campaign
workshop-format-in-person = In person
workshop-format-online = Online
workshop-format-both = In person or online
workshop-when-one-day = { $day }, { $from }–{ $to } { $zone }
workshop-when-days = { $start } { $from } to { $end } { $to } { $zone }
workshop-status-past = This workshop has ended
workshop-status-opens = Registration opens { $date }
workshop-status-closed = Registration has closed
workshop-status-full = Full: you can join the waiting list
workshop-status-places = { $count ->
    [one] 1 place left
   *[other] { $count } places left
}
workshop-register-button = Register for this workshop
workshop-registration-closes = Registration closes { $date }.
workshop-calendar-link = Save to your calendar (.ics file)
workshop-access-heading = Accessibility
workshop-needs-notice = If you need a sign-language interpreter or other support, tell us by { $date } so we have time to arrange it.
access-step-free = Step-free access
access-accessible-toilet = Accessible toilet
access-sign-language = BISINDO sign-language interpreter
access-live-captions = Live captions
access-large-print = Materials in large print
access-braille = Materials in braille
access-quiet-room = Quiet room
access-companion-welcome = Companions welcome

register-title = Register: { $workshop }
register-intro = Fill in this form to register. There is no time limit: what you type is not lost. Fields marked optional may be left empty.
register-name = Full name
register-email = Email address
register-contact-hint = Give an email address or a phone number, or both. We use them only for this workshop. Messages (your confirmation, a reminder and, for online workshops, the meeting link) are sent by email only: with a phone number alone you get no messages, so keep your registration code.
register-phone = Phone number (optional)
register-phone-hint = For example: 0812 3456 7890
register-organisation = Organisation (optional)
register-attendance = How will you take part?
register-needs = Access needs (optional)
register-needs-hint = Choose everything you need.
register-needs-hint-deadline = Choose everything you need. Tell us by { $date } so we have time to arrange it.
register-dietary-detail = If you have dietary needs: describe them (optional)
register-dietary-detail-hint = For example: vegetarian, nut allergy.
register-other-detail = If you have other needs: describe them (optional)
register-other-detail-hint = Tell us what helps you take part.
register-consent-legend = Consent
register-consent-hint = We keep your details only for this workshop, as the privacy notice explains.
register-consent = I agree to my details being used for this registration
register-privacy-link = Read the privacy notice
register-honeypot = Leave this field empty
register-submit = Send registration
register-back-to-workshop = Back to the workshop page
register-closed-meanwhile = Registration for this workshop closed while you were filling in the form. What you typed is still below.

need-bisindo = BISINDO sign-language interpreter
need-sibi = SIBI sign-language interpreter
need-captions = Live captions
need-wheelchair = A wheelchair space
need-companion = A place for a companion or personal assistant
need-braille = Materials in braille
need-large-print = Materials in large print
need-easy-read = Easy-read materials
need-quiet-room = A quiet room
need-dietary = Dietary needs
need-other = Other needs
need-status-requested = Requested
need-status-arranged = Arranged
need-status-not-possible = Not possible yet: we will contact you

reg-error-name-required = Enter your full name
reg-error-email-invalid = Enter an email address in the correct format, like name@example.id
reg-error-phone-invalid = Enter a phone number with 8 to 15 digits, like 0812 3456 7890
reg-error-contact-required = Enter an email address or a phone number
reg-error-attendance-required = Choose how you will take part
reg-error-dietary-detail = Describe your dietary needs, or untick that choice
reg-error-other-detail = Describe your other needs, or untick that choice
reg-error-wheelchair-online = Wheelchair spaces are for people who come in person
reg-error-consent-required = Tick the consent box so we can keep your registration
reg-error-email-taken = This email address is already registered for this workshop. To see or cancel that registration, use your registration code.

registration-title = Your registration
registration-notice-registered = We have received your registration.
registration-notice-cancelled = Your registration has been cancelled.
registration-code-label = Your registration code:
registration-code-advice = Keep this code. With it and your email address or phone number you can see or cancel your registration.
registration-status-heading = Status
registration-status-confirmed = Your place is confirmed.
registration-status-waitlisted = The workshop is full. You are number { $position } on the waiting list. If someone cancels, you get their place automatically and this page will say so.
registration-status-held = We are checking your registration and will contact you.
registration-status-cancelled = Cancelled.
registration-workshop = Workshop
registration-needs-heading = Access needs
registration-no-needs = You did not ask for any access needs.
registration-cancel-heading = Cancelling
registration-cancel-text = If you cannot come, cancel so that someone on the waiting list gets your place.
registration-cancel-link = Cancel this registration

lookup-title = See or cancel a registration
lookup-intro = Enter your registration code and the email address or phone number you gave when you registered.
lookup-code = Registration code
lookup-code-hint = 9 letters and numbers, like K7M-4QX-92B. Capital or small letters are the same.
lookup-contact = Email address or phone number
lookup-contact-hint = The one you gave when you registered.
lookup-submit = Find registration
lookup-error-code-required = Enter your registration code
lookup-error-contact-required = Enter your email address or phone number
lookup-error-not-found = We could not find a registration with this code and contact. Check both and try again.

cancel-title = Cancel registration
cancel-question = Are you sure you want to cancel your registration for { $workshop }? Your place will go to the next person on the waiting list.
cancel-submit = Yes, cancel my registration
cancel-keep = No, keep my registration
reg-error-name-too-long = Your name is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
reg-error-email-too-long = The email address is too long: { $max } characters at most.
reg-error-organisation-too-long = The organisation's name is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
reg-error-dietary-too-long = The description of your dietary needs is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
reg-error-other-too-long = The description of your other needs is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
register-not-sent = Your registration was not sent because of a problem in our system. Everything you typed is still below. Try sending it again in a minute.

registration-meeting-heading = Joining online
registration-meeting-text = Use this link to join the video meeting. It is for registered participants: please do not share it.
registration-meeting-link = Join the video meeting

# Issue 21 (wheelchair spaces): the two pools of places, each told as it is.
workshop-status-full-general = All other places are taken: you can join the waiting list
workshop-status-wheelchair = { $count ->
    [one] 1 wheelchair space left
   *[other] { $count } wheelchair spaces left
}
workshop-status-wheelchair-full = All wheelchair spaces are taken: you can join their waiting list
registration-status-waitlisted-wheelchair = All wheelchair spaces are taken. You are number { $position } on the waiting list for a wheelchair space. If someone with a wheelchair space cancels, you get it automatically and this page will say so.
