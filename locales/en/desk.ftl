# Issue 19: channels and the assisted-intake desk.
channel-web = Website
channel-partner = Partner system
channel-walk-in = In person
channel-phone = Phone
channel-letter = Letter
channel-social-media = Social media
