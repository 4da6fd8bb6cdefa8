# Shared by every form.

form-error-summary-title = There is a problem
form-error-prefix = Error:
form-error-control-characters = Remove the hidden special characters from this answer.
form-rate-limited = Too many submissions from your connection in one hour. What you typed is still on this page. Try sending again in { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}.

# Photos (used by the report form).
photo-error-empty = This file is empty. Choose another photo.
photo-error-too-large = This photo is larger than 10 MB. Choose a smaller photo.
photo-error-type = This file is not a JPEG, PNG or still WebP photo. Choose a photo in one of these formats.
photo-error-type-mismatch = The file's contents do not match its type (for example, it is named .jpg but is not a JPEG). Save it again as JPEG, PNG or WebP and upload it again.
photo-error-unreadable = This photo cannot be read; the file may be damaged or incomplete. Try again or choose another photo.
photo-error-dimensions = This photo has too many pixels (over 50 megapixels, or over 12,000 pixels on a side). Make it smaller and upload it again.
