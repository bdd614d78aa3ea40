import Foundation
import ISO18626
import Policy
import Store

/// The copyright ledger's bookkeeping inside a write: which title cluster a copy belongs to, how many
/// counted copies its bucket holds, and the entry a sent request reserves (policy K03, K06, K07, K10).
struct CopyrightLedgerKeeper {
    let policy: PolicyConfiguration
    /// Our agency id, the bucket's scope under `counting_scope = "symbol"`.
    let symbol: String

    var scope: String {
        policy.copyright.borrowing.countingScope == .symbol ? symbol : "institution"
    }

    /// A subject counted: its cluster, its bucket's count, and what the ledger learned or ignored on the way.
    struct Counted {
        var titleID: Int64
        var count: CopyrightCount
        /// One line per event for the log: an ISSN learned by a cluster (once: afterwards it is found by
        /// ISSN), an invalid ISSN ignored (a warning). ISSNs and cluster ids only, never patron data.
        var notices: [PolicyNotice] = []
    }

    /// The copyright subject of a request (K01–K05), classified against the periodicals the ledger knows:
    /// a request that does not say it is a periodical (no ISBN, ISSN, periodical type, volume or issue)
    /// but whose title key is a known periodical's counts with that periodical.
    func subject(for request: Request, at now: Date, _ writer: any StoreWriter) throws -> CopyrightSubject? {
        let classifier = CopyrightClassifier(configuration: policy)
        guard let subject = classifier.subject(for: request, requestDate: now) else { return nil }
        let key = CopyrightClassifier.titleKey(of: request)
        guard subject.kind == .work, subject.isbn13 == nil, !key.isEmpty else { return subject }
        let known = try writer.titleClusters(issns: [], titleKeys: [key])
            .filter { $0.kind == CopyrightSubject.Kind.periodical.rawValue && $0.titleKeys.contains(key) }
        guard !known.isEmpty else { return subject }
        return classifier.subject(for: request, requestDate: now, knownPeriodicalTitleKeys: [key]) ?? subject
    }

    /// Resolves (and learns) the subject's title cluster and reads its bucket's count.
    func count(_ subject: CopyrightSubject, _ writer: any StoreWriter) throws -> Counted {
        let table = policy.copyright.borrowing.issnL
        let key = subject.workKey ?? subject.titleKey
        let linking = subject.issns.compactMap { table[$0] }
        let candidates = try writer.titleClusters(issns: subject.issns + linking, titleKeys: [key])
            .filter { $0.kind == subject.kind.rawValue }
            .map { TitleCluster(id: $0.id, issns: $0.issns, titleKeys: $0.titleKeys) }
        var notices = subject.invalidISSNs.map {
            PolicyNotice(.warning, event: "copyright-invalid-issn", detail: "ISSN \($0) has a wrong check digit or length: ignored (N01)")
        }
        let titleID: Int64
        switch TitleIdentityResolver.resolve(subject, candidates: candidates, issnL: table, genericTitles: policy.copyright.borrowing.genericTitles) {
        case .existing(let id, let issns, let titleKey):
            try writer.extendTitleCluster(id: id, issns: issns, titleKeys: titleKey.map { [$0] } ?? [])
            if !issns.isEmpty {
                notices.append(PolicyNotice(.info, event: "copyright-title-link", detail: "title cluster \(id) learned ISSN \(issns.joined(separator: " "))"))
            }
            titleID = id
        case .new(let issns, let titleKey):
            titleID = try writer.createTitleCluster(kind: subject.kind.rawValue, displayTitle: subject.displayTitle, issns: issns, titleKeys: [titleKey])
        }
        let count = try writer.ledgerCount(
            titleID: titleID,
            scope: scope,
            year: subject.requestYear,
            includeReserved: policy.copyright.borrowing.countInFlight
        )
        return Counted(titleID: titleID, count: CopyrightCount(subject: subject, countInBucket: count), notices: notices)
    }

    /// The ledger entry a request reserves when it is sent.
    func entry(
        for reservation: LedgerReservation,
        subject: CopyrightSubject,
        titleID: Int64,
        request: Request,
        transactionID: Int64,
        lender: String,
        now: Date
    ) -> LedgerEntryRecord {
        let calendar = policy.calendar
        let info = request.bibliographicInfo
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        let local = String(
            format: "%04d-%02d-%02d %02d:%02d",
            parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0
        )
        return LedgerEntryRecord(
            transactionID: transactionID,
            titleID: titleID,
            scope: scope,
            year: subject.requestYear,
            basis: reservation.basis.rawValue,
            counted: reservation.basis.isCounted,
            code: reservation.code,
            requestedAt: now,
            requestedLocal: "\(local) \(policy.timeZone.identifier)",
            title: subject.displayTitle,
            issns: subject.issns.isEmpty ? nil : subject.issns.joined(separator: " "),
            isbn: subject.isbn13,
            articleTitle: info.titleOfComponent,
            volume: info.volume.isEmpty ? nil : info.volume.joined(separator: ", "),
            issue: info.issue,
            pages: info.pagesRequested,
            publicationDate: request.publicationInfo?.publicationDate,
            lenders: lender,
            royaltyEstimate: reservation.royaltyEstimate,
            purgeAfter: policy.copyright.borrowing.retention.purgeDate(forRequestYear: subject.requestYear, requestDate: now, calendar: calendar)
        )
    }
}
