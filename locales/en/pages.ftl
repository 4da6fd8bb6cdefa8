# Home page and error pages.

home-title = Balai: report, follow, learn
home-lede = Balai is where citizens send complaints, aspirations and information requests to the government, and follow the answers.
home-report-heading = Send a report
home-report-text = Say what happened, where and when. You may report without your name or in confidence.
home-report-start = Start your report
home-report-link = How to send a report
home-track-heading = Follow a report
home-track-text = Every report gets a tracking code. With that code anyone can follow a public report once staff have checked it; only you, with your access key, can follow a confidential report or one not yet checked.
home-track-start = Find a report by its code
home-track-link = How to follow a report
home-learn-heading = Campaigns and workshops
home-learn-text = We invite citizens, especially women, young people and people with disabilities, to learn how to use the complaint service.
home-learn-link = Our campaigns
home-workshops-link = Find a workshop near you
home-registration-link = See or cancel a workshop registration

error-status = Error code: { $status }
error-next-heading = What you can do
error-go-home = Go to the home page
error-get-help = Read the help page
error-400-title = The request could not be handled
error-400-body = We could not handle this request. Check the address and try again.
error-404-title = Page not found
error-404-body = The page you are looking for does not exist. If you typed the address, check the spelling.
error-405-title = This page cannot be opened that way
error-405-body = This page cannot be opened that way. Open it from a link on this site.
error-413-title = What you sent is too large
error-413-body = What you sent is over the size limit. Make the photos smaller or send fewer, then try again.
error-429-title = Too many requests
error-429-body = You sent too many requests in a short time. Wait a moment, then try again.
error-500-title = Sorry, there is a problem with our system
error-500-body = Something went wrong on our side. There is nothing you need to change. Try again in a few moments.
error-503-title = The service is not available right now
error-503-body = The service cannot be used right now. Try again in a few minutes.
