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
