### Reporting a barrier of the portal itself (issue 21, item 13).

barrier-title = Report a barrier on Balai
barrier-lede = Tell us about anything on this website that stops you or makes it hard to use. Your report goes to the team that runs Balai, with a tracking code and the same deadlines as every report.
barrier-private = Your barrier report is confidential: it is never published, because it may say something about your disability. Only the Balai team reads it.
barrier-location-label = Where was the problem?
barrier-location-hint = The name or address of the page, or what you were doing, for example "the photo step of the report form".
barrier-problem-label = What happened?
barrier-problem-hint = What you wanted to do and what stopped you.
barrier-assistive-label = Assistive technology you use (optional)
barrier-assistive-hint = For example a screen reader, screen magnifier, voice control or switch access, with its name if you know it.
barrier-contact-heading = How we can reach you (optional)
barrier-contact-text = You can follow your report with its tracking code and access key. Give an email address or phone number if you want us to be able to ask you a question or tell you what we changed.
barrier-email-label = Email address (optional)
barrier-email-hint = We will email you when your report changes.
barrier-phone-label = Phone number (optional)
barrier-submit = Send barrier report
barrier-statement-link = Read the accessibility statement
barrier-not-sent = Your barrier report was not sent because of a problem on our side. What you typed is still on this page. Please try "Send barrier report" again in a minute.
barrier-error-location-missing = Enter where the problem was
barrier-error-location-long = Where the problem was is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
barrier-error-problem-missing = Describe what happened
barrier-error-problem-long = What happened is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
barrier-error-assistive-long = The assistive technology is too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
barrier-report-title = Barrier on the portal: { $location }
barrier-report-assistive = Assistive technology: { $assistive }
barrier-sent-title = Barrier report sent
barrier-sent-next = The Balai team will check your report by { $date }, and answer it within the same deadlines as every report.
barrier-sent-private = Your report is confidential: it will not be published.
footer-barrier = Report a barrier
