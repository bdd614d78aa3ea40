public import Foundation

extension PublicationInterval {
    /// Parses `publicationInfo/publicationDate`, a free string, into the days it can mean (N04), or `nil`
    /// when the date is unknown.
    ///
    /// Understood forms (case-insensitive; en and em dashes read as hyphens):
    /// - a day: `2021-03-15`, `20210315`, `15 March 2021`, `March 15, 2021`, `2021-03-15T10:00:00Z`;
    /// - a month: `2021-03`, `Mar 2021`, `Mar. 2021`, `March 2021`, `2021 Mar`;
    /// - a year: `2021`, `c2018`, `c. 2018`, `©2018`, `[2017]`;
    /// - a season: Spring (Mar–May), Summer (Jun–Aug), Fall/Autumn (Sep–Nov), Winter (the whole year);
    /// - ranges, as their union: `2019-2020`, `2019/20`, `Mar./Apr. 2020`, `Dec 2019 - Jan 2020`.
    ///
    /// Unknown (`nil`): empty, `n.d.`, `forthcoming`, `in press`, an open range (`1954-`), anything not
    /// understood, a year outside 1450…(year of `now` + 1), a range that ends before it starts, and for a
    /// periodical an interval longer than two years (probably the run of the serial, not the issue).
    public static func parse(_ raw: String, now: Date, calendar: Calendar, isPeriodical: Bool) -> PublicationInterval? {
        let maximumYear = (calendar.dateComponents([.year], from: now).year ?? 9998) + 1
        guard let interval = PublicationDateGrammar(raw)?.interval, interval.earliest <= interval.latest else { return nil }
        guard interval.earliest.year >= 1450, interval.latest.year <= maximumYear else { return nil }
        if isPeriodical {
            // Longer than two years: the day after the interval is later than its start plus two years.
            if interval.earliest.movedByYears(2) < interval.latest.nextDay() { return nil }
        }
        return interval
    }
}

extension CalendarDay {
    /// The number of days of a month of the Gregorian calendar.
    static func numberOfDays(inMonth month: Int, ofYear year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The same day `years` years later (negative: earlier); 29 February becomes 28 February in a
    /// common year.
    func movedByYears(_ years: Int) -> CalendarDay {
        let year = self.year + years
        return CalendarDay(year: year, month: month, day: min(day, Self.numberOfDays(inMonth: month, ofYear: year)))
    }

    /// The following day.
    func nextDay() -> CalendarDay {
        if day < Self.numberOfDays(inMonth: month, ofYear: year) { return CalendarDay(year: year, month: month, day: day + 1) }
        if month < 12 { return CalendarDay(year: year, month: month + 1, day: 1) }
        return CalendarDay(year: year + 1, month: 1, day: 1)
    }

    /// Whether the components name a real day.
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= numberOfDays(inMonth: month, ofYear: year)
    }
}

/// The grammar of N04 publication dates: a small tokenizer and interpreter, internal to the parser.
private struct PublicationDateGrammar {
    private enum Token: Equatable {
        case number(String)
        /// A month range within a year: a month (start = end), or a season.
        case period(first: Int, last: Int)
        case separator
    }

    let interval: PublicationInterval?

    private static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
        "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
        "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
        "dec": 12, "december": 12,
    ]
    private static let seasons: [String: (Int, Int)] = [
        "spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (1, 12),
    ]
    private static let unknownWords: Set<String> = ["nd", "n.d", "n.d.", "s.d.", "forthcoming", "in press", "inpress", "undated", "unknown"]

    init?(_ raw: String) {
        var text = raw.lowercased()
            .replacingOccurrences(of: "\u{2013}", with: "-")
            .replacingOccurrences(of: "\u{2014}", with: "-")
            .replacingOccurrences(of: "\u{2010}", with: "-")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !Self.unknownWords.contains(text) else { return nil }
        // Brackets ("[2017]") and copyright marks ("c2018", "©2018", "p2018") say nothing about the date.
        text = text.replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: " ")
            .replacingOccurrences(of: "©", with: " ").replacingOccurrences(of: "?", with: " ")
        if let match = text.wholeMatch(of: /\s*(?:c|ca|p|cop)\.?\s*(\d{4})\s*/) { text = String(match.1) }
        text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }

        // Numeric forms first.
        if let match = text.wholeMatch(of: /(\d{4})(\d{2})(\d{2})/) {
            interval = Self.day(Int(match.1), Int(match.2), Int(match.3))
            return
        }
        if let match = text.prefixMatch(of: /(\d{4})[-\/.](\d{1,2})[-\/.](\d{1,2})(?:[t ].*)?/), match.0.count == text.count {
            interval = Self.day(Int(match.1), Int(match.2), Int(match.3))
            return
        }
        if let match = text.wholeMatch(of: /(\d{4})\s*-\s*(\d{1,2})/), let year = Int(match.1), let second = Int(match.2) {
            if match.2.count == 1 || second <= 12 {
                interval = Self.month(year, second)
            } else {
                interval = Self.years(year, Self.expandYear(second, after: year))
            }
            return
        }
        if let match = text.wholeMatch(of: /(\d{4})\s*\/\s*(\d{2})/), let year = Int(match.1), let second = Int(match.2) {
            interval = Self.years(year, Self.expandYear(second, after: year))
            return
        }
        if text.wholeMatch(of: /\d{4}\s*[-\/]/) != nil { return nil } // open range: "1954-"

        guard let tokens = Self.tokenize(text) else { return nil }
        interval = Self.interpret(tokens)
    }

    private static func tokenize(_ text: String) -> [Token]? {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace || character == "," || character == "." {
                index = text.index(after: index)
            } else if character == "-" || character == "/" || character == "&" {
                tokens.append(.separator)
                index = text.index(after: index)
            } else if character.isASCII, character.isNumber {
                let end = text[index...].firstIndex { !($0.isASCII && $0.isNumber) } ?? text.endIndex
                tokens.append(.number(String(text[index..<end])))
                index = end
            } else if character.isLetter {
                let end = text[index...].firstIndex { !$0.isLetter } ?? text.endIndex
                let word = String(text[index..<end])
                if let month = months[word] {
                    tokens.append(.period(first: month, last: month))
                } else if let season = seasons[word] {
                    tokens.append(.period(first: season.0, last: season.1))
                } else if word == "and" {
                    tokens.append(.separator)
                } else {
                    return nil
                }
                index = end
            } else {
                return nil
            }
        }
        return tokens
    }

    /// One year of the date with the months (and day) that go with it.
    private struct Segment {
        var year: Int
        var periods: [(first: Int, last: Int)] = []
        var days: [Int] = []
    }

    private static func interpret(_ tokens: [Token]) -> PublicationInterval? {
        guard let firstMeaningful = tokens.first(where: { $0 != .separator }) else { return nil }
        // "2021 Spring" attaches periods to the year before them; "Spring 2021" to the year after them.
        let yearFirst: Bool
        if case .number(let digits) = firstMeaningful, digits.count == 4 { yearFirst = true } else { yearFirst = false }

        var segments: [Segment] = []
        var pendingPeriods: [(first: Int, last: Int)] = []
        var pendingDays: [Int] = []
        for token in tokens {
            switch token {
            case .separator:
                continue
            case .period(let first, let last):
                if yearFirst, !segments.isEmpty {
                    segments[segments.count - 1].periods.append((first, last))
                } else {
                    pendingPeriods.append((first, last))
                }
            case .number(let digits):
                guard let value = Int(digits) else { return nil }
                if digits.count == 4 {
                    segments.append(Segment(year: value, periods: pendingPeriods, days: pendingDays))
                    pendingPeriods = []
                    pendingDays = []
                } else if digits.count <= 2, (1...31).contains(value) {
                    if yearFirst, !segments.isEmpty {
                        segments[segments.count - 1].days.append(value)
                    } else {
                        pendingDays.append(value)
                    }
                } else {
                    return nil
                }
            }
        }
        guard !segments.isEmpty, pendingDays.isEmpty else { return nil }
        if !pendingPeriods.isEmpty {
            // Months after the last year ("2020 Mar/Apr" handled above; "Dec 2019/Jan" is not a date).
            segments[segments.count - 1].periods += pendingPeriods
        }

        var earliest: CalendarDay?
        var latest: CalendarDay?
        for segment in segments {
            let span: PublicationInterval?
            if segment.periods.isEmpty {
                guard segment.days.isEmpty else { return nil }
                span = years(segment.year, segment.year)
            } else if !segment.days.isEmpty {
                guard segment.periods.count == 1, segment.days.count == 1, let period = segment.periods.first,
                      period.first == period.last, let day = segment.days.first
                else { return nil }
                span = Self.day(segment.year, period.first, day)
            } else {
                let first = segment.periods.map(\.first).min() ?? 1
                let last = segment.periods.map(\.last).max() ?? 12
                span = PublicationInterval(
                    earliest: CalendarDay(year: segment.year, month: first, day: 1),
                    latest: CalendarDay(year: segment.year, month: last, day: CalendarDay.numberOfDays(inMonth: last, ofYear: segment.year))
                )
            }
            guard let span else { return nil }
            earliest = earliest.map { min($0, span.earliest) } ?? span.earliest
            latest = latest.map { max($0, span.latest) } ?? span.latest
        }
        guard let earliest, let latest else { return nil }
        // A range written backwards ("2020-2019") is not understood.
        if segments.count > 1, let first = segments.first, let last = segments.last, first.year > last.year { return nil }
        return PublicationInterval(earliest: earliest, latest: latest)
    }

    private static func day(_ year: Int?, _ month: Int?, _ day: Int?) -> PublicationInterval? {
        guard let year, let month, let day, CalendarDay.isValid(year: year, month: month, day: day) else { return nil }
        let date = CalendarDay(year: year, month: month, day: day)
        return PublicationInterval(earliest: date, latest: date)
    }

    private static func month(_ year: Int, _ month: Int) -> PublicationInterval? {
        guard (1...12).contains(month) else { return nil }
        return PublicationInterval(
            earliest: CalendarDay(year: year, month: month, day: 1),
            latest: CalendarDay(year: year, month: month, day: CalendarDay.numberOfDays(inMonth: month, ofYear: year))
        )
    }

    private static func years(_ first: Int, _ last: Int) -> PublicationInterval? {
        guard first <= last else { return nil }
        return PublicationInterval(earliest: CalendarDay(year: first, month: 1, day: 1), latest: CalendarDay(year: last, month: 12, day: 31))
    }

    /// `20` after `2019` is 2020; `01` after `1999` is 2001.
    private static func expandYear(_ twoDigits: Int, after year: Int) -> Int {
        let century = year / 100 * 100
        let candidate = century + twoDigits
        return candidate >= year ? candidate : candidate + 100
    }
}
