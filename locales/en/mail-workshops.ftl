## Messages to workshop participants (issue #18) and to a workshop's contact.

mail-ws-code = Registration code
mail-ws-workshop = Workshop
mail-ws-when = When
mail-ws-place = Where
mail-ws-online = Online (the meeting link arrives by email the day before)
mail-ws-access = Access at this workshop
mail-ws-position = Your place on the waiting list
mail-ws-link = See or cancel your registration
mail-ws-cancel-note = If you cannot come after all, please cancel your registration, so that someone on the waiting list gets your place.
mail-ws-calendar-attached = The attached calendar file adds the workshop to your calendar.
mail-ws-changed-subject = Your workshop registration { $code }

mail-ws-confirmed-subject = You have a place at { $title }: { $code }
mail-ws-confirmed-body = Your registration is confirmed. Keep the registration code: you need it to find or cancel your registration.
mail-ws-waitlisted-subject = You are on the waiting list for { $title }: { $code }
mail-ws-waitlisted-body = All places are taken for now. You are number { $position } on the waiting list. If a place becomes free, it goes to the first person on the list, and we tell you by email.
mail-ws-promoted-subject = A place became free: you now have a place at { $title } ({ $code })
mail-ws-promoted-body = Someone cancelled, and you were next on the waiting list. Your place is confirmed: you do not need to do anything.
mail-ws-cancelled-subject = Your registration { $code } is cancelled
mail-ws-cancelled-body = Your registration for { $title } is cancelled. Thank you for letting us know: your place goes to the next person on the waiting list.

mail-ws-need-subject = Your access request for { $title }: { $code }
mail-ws-need-arranged = Good news: { $need } is arranged for you.
mail-ws-need-not-possible = We are sorry: we cannot arrange { $need } for this workshop. Please contact the organisers to find another way together: { $contact }
mail-ws-need-requested = The organisers are looking at your request for { $need } again. We will write to you when it is decided.

mail-ws-reminder-subject = Reminder: { $title } on { $date }
mail-ws-reminder-body = Your workshop is coming soon. Here is what you need to know.

mail-ws-meeting-subject = Meeting link for { $title }
mail-ws-meeting-body = The workshop is tomorrow. Use the link below to join the video meeting from your phone or computer; you do not need an account.
mail-ws-meeting-link = Join the video meeting
mail-ws-meeting-private = This link is for registered participants: please do not share it.

mail-ws-needs-subject = New access request for { $title }: { $code }
mail-ws-needs-body = A new registration asks for access needs. Please arrange them and record in Balai whether each one is arranged, so that the participant is told.
mail-ws-needs = Access needs
mail-ws-needs-link = See the registrations in Balai

# Issue 21: waiting for a wheelchair space (its own pool).
mail-ws-waitlisted-wheelchair-body = All wheelchair spaces are taken for now. You are number { $position } on the waiting list for a wheelchair space. If one becomes free, it goes to the first person on that list, and we tell you by email.
