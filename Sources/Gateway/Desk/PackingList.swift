public import Foundation
import ISO18626
import Policy
import Store

/// Everything a packing list prints: the loans shipped to one library on one day, to go in (or with) the
/// parcel or the courier's bag, and to keep as the record of what left.
public struct PackingList: Hashable, Sendable {
    /// One loan in the parcel.
    public struct Line: Hashable, Sendable {
        /// The borrower's request id.
        public var requestID: String
        /// Our id for the loan.
        public var ourRequestID: String?
        public var title: String
        /// When it is due back to us.
        public var dueDate: Date?

        /// Creates a line.
        public init(requestID: String, ourRequestID: String?, title: String, dueDate: Date?) {
            self.requestID = requestID
            self.ourRequestID = ourRequestID
            self.title = title
            self.dueDate = dueDate
        }
    }

    /// The day shipped (`YYYY-MM-DD`, library time zone).
    public var day: String
    /// The borrowing library: its peer name and agency id.
    public var library: String
    /// Our return address.
    public var from: [String]
    /// The loans, in the order they were shipped.
    public var lines: [Line]

    /// Creates a packing list.
    public init(day: String, library: String, from: [String], lines: [Line]) {
        self.day = day
        self.library = library
        self.from = from
        self.lines = lines
    }
}

extension Gateway {
    /// The packing lists of a day's shipments, one per borrowing library (by peer name).
    /// - Parameters:
    ///   - day: `YYYY-MM-DD` in the library's time zone; today on the gateway's clock when `nil`.
    ///   - peer: only this peer's list.
    /// - Throws: ``ReportPeriodError`` for a day that is not a date; ``StaffActionError/Reason/unknownPeer``
    ///   for a peer that is not configured.
    public func packingLists(day: String? = nil, peer: String? = nil) async throws -> [PackingList] {
        if let peer, configuration.peers.peer(named: peer) == nil {
            throw StaffActionError(.unknownPeer, "no peer named '\(peer)' is configured")
        }
        let today = CalendarDay(now, in: libraryCalendar).description
        let period = try ReportPeriod(from: day ?? today, to: day ?? today, now: now, calendar: libraryCalendar)
        let configuration = self.configuration
        let from = configuration.returnAddress.isEmpty ? [configuration.libraryAgencyIDs[0].description] : configuration.returnAddress
        let shipments = try await store.shipments(shippedFrom: period.start, before: period.end).filter { peer == nil || $0.peerName == peer }
        var lists: [PackingList] = []
        for shipment in shipments {
            let line = PackingList.Line(
                requestID: shipment.requestID,
                ourRequestID: shipment.ourRequestID,
                title: shipment.title ?? "(no title)",
                dueDate: shipment.dueDate
            )
            let library = "\(shipment.peerName) (\(shipment.requestingAgencyID))"
            if lists.last?.library == library {
                lists[lists.count - 1].lines.append(line)
            } else {
                lists.append(PackingList(day: day ?? today, library: library, from: from, lines: [line]))
            }
        }
        return lists
    }
}
