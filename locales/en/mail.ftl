## Messages Balai sends (issue #18): what every message shares.

mail-signature = Balai, the public reports and participation portal
mail-why-direct = You get this message because of something you did on Balai.
mail-why-stoppable = You get this message because you asked to be told. You can stop these messages at any time.
mail-stop-link = Stop these messages

## Messages to reporters.

mail-report-changed-subject = Your report { $code } has changed
mail-report-changed-body = Your report is now: { $status }.
mail-report-code = Tracking code
mail-report-link = Follow your report on Balai
mail-report-key-note = To open your report, enter the tracking code and your access key. We never send the key by email. Lost it? The tracking page has a link to make a new one.
mail-report-read-online = Open your report on Balai to read what staff wrote.
mail-report-agency-unknown = the agency responsible
mail-report-verified-subject = Your report { $code } has been checked
mail-report-verified-body = Staff checked your report and accepted it. Next, it goes to the agency responsible.
mail-report-forwarded-subject = Your report { $code } was forwarded to { $agency }
mail-report-forwarded-body = Your report was sent to { $agency }, which is responsible for it. They will follow it up and answer on Balai.
mail-report-info-requested-subject = Your report { $code } needs more information
mail-report-info-requested-body = Staff have a question about your report. Your report waits for your answer: please answer on Balai.
mail-report-question = Their question:
mail-report-answered-subject = Your report { $code } has an answer
mail-report-answered-body = { $agency } answered your report.
mail-report-answered-body-staff = Staff answered your report.
mail-report-answer = The answer:
mail-report-answered-next = You can rate the answer on Balai. If it does not solve the problem, you can add information or ask to reopen the report.
mail-report-rejected-subject = Your report { $code } was not accepted
mail-report-rejected-body = Staff checked your report and did not accept it.
mail-report-reason = The reason:
mail-report-closed-subject = Your report { $code } is closed
mail-report-closed-body = Your report is now closed. You can still rate how it was handled.
mail-report-closed-body-automatic = Your report was closed because 10 working days passed after the answer without a reply. If the problem is not solved, you can ask to reopen it.
mail-report-new-key-subject = Make a new access key for your report { $code }
mail-report-new-key-body = Someone, we hope you, asked for a new access key for report { $code }.
mail-report-new-key-once = The link below works once, for one hour. A new key replaces the old one: the old key will no longer open your report.
mail-report-new-key-link = Make a new access key
mail-report-new-key-ignore = If you did not ask for this, ignore this message: nothing changes and your key still works.
