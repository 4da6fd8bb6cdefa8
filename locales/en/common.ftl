# Page shell, navigation and dates shared by every page.

-brand = Balai
site-name = { -brand }
language-name = English

page-title = { $page } - { -brand }
page-title-error = Error: { $page } - { -brand }

skip-to-content = Skip to main content
nav-main-label = Main menu
nav-language-label = Language
nav-home = Home
nav-about = About
nav-help = Help

footer-heading = About this site
footer-help = Help
footer-privacy = Privacy notice
footer-accessibility = Accessibility statement
footer-licence = Balai is free software under the AGPL-3.0-or-later licence.

page-updated = Last updated { $date }
page-not-translated = This page is not available in your language yet, so we show the Indonesian version.

date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
nav-report = Send a report
nav-track = Follow a report
nav-workshops = Workshops

date-with-weekday = { $weekday } { $date }
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
time-separator = :
zone-wib = WIB
zone-wita = WITA
zone-wit = WIT
moment-in-zone = { $day } at { $time } { $zone }
answer-yes = Yes
answer-no = No
# Shown on pages with a form while the primary database is down and a replica serves reads.
sending-paused = Sending is paused because of a problem in our system. You can still read every page, but forms cannot be sent for now. If you send one, everything you typed stays in the form: try again in a few minutes.
