### Browsing public reports, statistics, agencies and open data.

browse-title = Reports
browse-lede = Reports that staff have checked and published, with the answers of the government bodies. Names and contacts of reporters are never shown.
browse-filters-heading = Find reports
browse-search-label = Words to find
browse-search-hint = In the title and text of the report, for example "ramp" or "bantuan sosial".
browse-status-resolved = Resolved
browse-status-answered = Answered, not closed yet
browse-status-open = Being handled
browse-status-all = All published reports
browse-agency-hint = National bodies. For a regional government, choose the province.
browse-from = Sent on or after
browse-to = Sent on or before
browse-sort = Order
browse-sort-newest = Newest first
browse-sort-oldest = Oldest first
browse-sort-answered = Recently answered first
browse-apply = Show reports
browse-clear = Clear all filters
browse-dropped = Some parts of the address were not recognised and were left out:
browse-filter-kind = the kind of report
browse-filter-category = the category
browse-filter-province = the province
browse-filter-regency = the regency or city
browse-filter-agency = the government body
browse-filter-q = the words to find (at most 200 characters)
browse-filter-status = the status
browse-filter-sort = the order
browse-filter-from = the start date
browse-filter-to = the end date
browse-filter-query = the whole query (it could not be read)
browse-count-resolved = { $count ->
    [one] 1 resolved report
   *[other] { $shown } resolved reports
}
browse-count-answered = { $count ->
    [one] 1 answered report
   *[other] { $shown } answered reports
}
browse-count-open = { $count ->
    [one] 1 report being handled
   *[other] { $shown } reports being handled
}
browse-count-all = { $count ->
    [one] 1 published report
   *[other] { $shown } published reports
}
browse-empty = No reports match.
browse-empty-status = Choose "All published reports" under Status.
browse-empty-filters = Remove a filter, or choose a wider area or period.
browse-empty-words = Use fewer or other words.
browse-sent-on = sent { $date }
browse-pages-label = Pages of results
browse-previous = Previous page
browse-next = Next page
browse-page-n = Page { $n }
browse-last = Last page ({ $n })
browse-open-data-heading = Open data
browse-csv = These reports as CSV
browse-json = These reports as JSON
browse-feed = Feed of newly resolved reports (Atom)
browse-open-data-about = About the open data: fields and licence
nav-browse = Browse reports
stats-title = Statistics
stats-lede = Figures of the { $shown } published reports. Confidential reports and reports not checked yet are not counted.
stats-fresh = Figures computed { $time }; they are updated every few minutes.
stats-median-verify = Median time to check a report
stats-median-answer = Median time for the government body to answer
stats-on-time = Answered within the deadline
stats-working-days = { $days ->
    [one] 1 working day
   *[other] { $days } working days
}
stats-not-yet = Not enough reports yet
stats-none = No published reports yet.
stats-chart-desc = Bar chart: each bar is labelled with its number of reports. The table below gives the same figures.
stats-col-reports = Reports
stats-col-month = Month
stats-monthly = Reports sent per month, last 12 months
stats-by-status = Reports by status
stats-by-kind = Reports by kind
stats-by-category = Reports by category
stats-by-province = Reports by province
stats-agencies-link = How each government body answers its reports
agencies-title = Government bodies
agencies-lede = How each government body handles the reports sent to it: how many it answered, and how many within the deadline of 5 working days.
agencies-sort = Order by:
agencies-sort-on-time = answered on time
agencies-sort-received = reports received
agencies-sort-name = name
agencies-received = Reports received
agencies-answered = Answered
agencies-on-time = Answered on time
agencies-median = Median time to answer
agencies-open = Still open
agencies-overdue = Overdue
agencies-latest = Latest resolved reports
agencies-all-reports = All published reports of this body
agencies-feed = Feed of this body's resolved reports (Atom)
agencies-all = All government bodies
feed-resolved-title = Balai: newly resolved reports
feed-report-title = Balai: report { $code }
nav-statistics = Statistics
browse-skip-to-results = Skip to the results

## Finding things (issue 21, items 14 and 16): feeds, regency filter, figures on the home
## page, open-data errors.
report-feed-link = Follow this report's changes (Atom feed)
browse-feed-filtered = Feed of newly resolved reports matching these filters (Atom)
browse-province-hint = To narrow to a regency or city, choose a province and press "Show reports".
browse-province-hint-chosen = The regency or city can be chosen below.
home-figures-heading = Figures and open data
home-figures-text = How many reports were sent and resolved, and how each government body answers them.
home-agencies-link = How each government body answers
open-data-bad-filter = Some parts of the query were not understood. Correct or remove them and ask again.
open-data-bad-parameter = { $name }: { $what }

## #21: titles of browse variants, and report links told apart
browse-doc-search = Search results for “{ $q }”
browse-doc-filtered = { $heading }, filtered
browse-doc-page = { $what }, page { $page } of { $pages }
browse-doc-title = { $what } - Reports
browse-link-code = report { $code }
