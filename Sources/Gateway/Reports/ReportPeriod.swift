public import Foundation
import Policy

/// The days a report covers: from the start of its first day to the end of its last, in the library's
/// time zone.
public struct ReportPeriod: Hashable, Sendable {
    /// The first instant of the first day.
    public var start: Date
    /// The first instant after the last day.
    public var end: Date

    /// A period from `start` up to (not including) `end`.
    /// - Throws: ``ReportPeriodError`` when `end` is not after `start`.
    public init(start: Date, end: Date) throws(ReportPeriodError) {
        guard start < end else {
            throw ReportPeriodError(.endsBeforeStart, "the period ends (\(end)) before it starts (\(start))")
        }
        self.start = start
        self.end = end
    }

    /// The days `from` to `to` (`YYYY-MM-DD`, both included) in `calendar`'s time zone; without `from`,
    /// 1 January of `now`'s year; without `to`, `now`'s day.
    /// - Throws: ``ReportPeriodError`` naming the bad field, or when the last day is before the first.
    public init(from: String?, to: String?, now: Date, calendar: Calendar) throws(ReportPeriodError) {
        func day(_ text: String, field: String) throws(ReportPeriodError) -> Date {
            guard let start = CalendarDay(iso: text)?.start(in: calendar) else {
                throw ReportPeriodError(.badDate, "\(field) \"\(text)\" is not a date like 2026-01-31")
            }
            return start
        }
        let today = calendar.startOfDay(for: now)
        let first = try from.map { text throws(ReportPeriodError) in try day(text, field: "from") }
            ?? calendar.date(from: DateComponents(year: calendar.component(.year, from: now), month: 1, day: 1)) ?? today
        let last = try to.map { text throws(ReportPeriodError) in try day(text, field: "to") } ?? today
        guard first <= last else {
            throw ReportPeriodError(.endsBeforeStart, "the period ends on \(to ?? "today") before it starts on \(from ?? "1 January"): from must not be after to")
        }
        let end = calendar.date(byAdding: .day, value: 1, to: last) ?? last.addingTimeInterval(86_400)
        try self.init(start: first, end: end)
    }
}

/// Why a report period cannot be used. Nothing was read.
public struct ReportPeriodError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of problem; more may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// A day that is not a `YYYY-MM-DD` date.
        public static let badDate = Code(name: "badDate")
        /// The last day is before the first.
        public static let endsBeforeStart = Code(name: "endsBeforeStart")
        public var description: String { name }
    }

    /// What kind of problem.
    public var code: Code
    /// The explanation, naming the field.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
