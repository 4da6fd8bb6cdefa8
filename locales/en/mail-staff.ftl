## Messages to staff (issue #18): the daily digest.

mail-digest-subject = Cases for { $date }: { $overdue } overdue, { $soon } due within two working days
mail-digest-body = These cases you are responsible for are past their deadline or due within two working days. Each line gives the tracking code and the deadline.
mail-digest-overdue-since = Overdue: the deadline was { $date }
mail-digest-due-by = Due by { $date }
mail-digest-link = Open the queue in Balai
mail-digest-setting = You can turn this daily email off or on again under "Daily email" in the back office.

## The back office's "Daily email" page.

staff-nav-email = Daily email
staff-digest-title = Daily email
staff-digest-intro = Each morning Balai can email you the cases you are responsible for that are overdue or due within two working days. Nothing is sent on a day when nothing is due.
staff-digest-not-for-admins = The daily email goes to verifiers and officers: admin accounts do not get it.
staff-digest-is-on = You get the daily email.
staff-digest-is-off = You do not get the daily email.
staff-digest-turn-off = Turn the daily email off
staff-digest-turn-on = Turn the daily email on
staff-digest-saved = Your choice is saved.
