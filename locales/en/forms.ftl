# Shared by every form.

form-error-summary-title = There is a problem
form-error-prefix = Error:
form-error-too-long = Too long: { $max } characters at most. Remove { $over } { $over ->
    [one] character
   *[other] characters
}.
form-error-control-characters = Remove the hidden special characters from this answer.
form-rate-limited = Too many submissions from your connection in one hour. What you typed is still on this page. Try sending again in { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}.
