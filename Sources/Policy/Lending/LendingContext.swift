import Foundation
import ISO18626

/// What the lending rules know and have settled about one request while they run for one service type.
struct LendingContext: Sendable {
    let input: LendingInput
    let configuration: PolicyConfiguration
    let calendar: Calendar
    /// The service asked for: `serviceInfo/serviceType`, or for a 2017 request without `serviceInfo`,
    /// Copy when a component title or pages are given, else Loan.
    let requestedType: ServiceType
    /// The service being evaluated: Loan or Copy (a CopyOrLoan request is resolved by L05).
    var serviceType: ServiceType
    /// Set when L04 could not give the requested type and evaluates the other one to offer it.
    var offeredInsteadOf: ServiceType?
    /// Why electronic delivery is not allowed (C05, L09); empty when it is.
    var physicalOnlyBecause: [String] = []
    /// The declaration in force for a copy (as sent, or assumed by C01), before normalisation.
    var declaration: String?
    /// Whether ``declaration`` was assumed from the peer's profile.
    var declarationAssumed = false
    /// The recognised declaration code (C02).
    var copyrightCode: String?
    /// Our charge (L13), `nil` when free.
    var charge: Costs?
    /// The delivery method chosen (L14).
    var deliveryMethod: DeliveryMethod?
    /// Notes that go with an acceptance (L16 downgrade, T38 mislabel).
    var acceptNotes: [String] = []

    init(input: LendingInput, configuration: PolicyConfiguration, serviceType: ServiceType) {
        self.input = input
        self.configuration = configuration
        self.calendar = configuration.calendar
        self.requestedType = Self.requestedType(of: input.request)
        self.serviceType = serviceType
    }

    var lending: LendingPolicyConfiguration { configuration.lending }
    var copyright: CopyrightConfiguration { configuration.copyright }
    var request: Request { input.request }
    var peer: PeerProfile { input.peer }
    var edition: Edition { input.peer.edition }
    var isLoan: Bool { serviceType == .loan }
    var isCopy: Bool { serviceType == .copy }

    /// The service type a request asks for (T70 for a 2017 request without `serviceInfo`).
    static func requestedType(of request: Request) -> ServiceType {
        if let serviceType = request.serviceInfo?.serviceType { return serviceType }
        let bibliographic = request.bibliographicInfo
        if !(bibliographic.titleOfComponent ?? "").lendingTrimmed.isEmpty || !(bibliographic.pagesRequested ?? "").lendingTrimmed.isEmpty {
            return .copy
        }
        return .loan
    }

    /// `date` plus `days` calendar days in the library's calendar.
    func adding(days: Int, to date: Date) -> Date {
        calendar.date(byAdding: .day, value: days, to: date) ?? date.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// The start of a calendar day in the library's time zone.
    func start(of day: CalendarDay) -> Date? {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }

    /// Whether the request is for a periodical (article) rather than a book or other work (a lending-side
    /// reading of K02: publication type first, then identifiers, then volume or issue).
    var isPeriodical: Bool {
        let type = request.publicationInfo?.publicationType?.value.lowercased()
        if let type, ["article", "journal", "newspaper"].contains(type) { return true }
        let codes = request.bibliographicInfo.bibliographicItemID.map { $0.code.value.uppercased() }
        let hasISBN = codes.contains("ISBN")
        let hasISSN = codes.contains { $0.contains("ISSN") }
        if hasISBN { return false }
        if hasISSN { return true }
        if type != nil { return false }
        let bibliographic = request.bibliographicInfo
        return !bibliographic.volume.isEmpty || !(bibliographic.issue ?? "").lendingTrimmed.isEmpty
    }

    /// The publication date interval (N04), `nil` when absent or unknown.
    var publication: PublicationInterval? {
        guard let raw = request.publicationInfo?.publicationDate, !raw.lendingTrimmed.isEmpty else { return nil }
        return PublicationInterval.parse(raw, now: input.receivedAt, calendar: calendar, isPeriodical: isPeriodical)
    }
}

extension String {
    /// Trimmed of white space and newlines.
    var lendingTrimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Case-insensitive equality after trimming.
    func lendingMatches(_ other: String) -> Bool {
        lendingTrimmed.lowercased() == other.lendingTrimmed.lowercased()
    }
}

extension Sequence where Element == String {
    /// Whether the list holds `value`, compared case-insensitively after trimming.
    func lendingContains(_ value: String) -> Bool {
        contains { $0.lendingMatches(value) }
    }
}
