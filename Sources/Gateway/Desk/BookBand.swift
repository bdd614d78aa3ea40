public import Foundation
import ISO18626
import Store
import Transactions

/// Everything a book band prints: the strip tucked into an item we borrowed, so that the desk, the pickup
/// branch and the patron know whose it is, when it is due and where it goes back. The patron is named by
/// the reference we sent the lender (the patron id), never by name.
public struct BookBand: Hashable, Sendable {
    /// Our transaction.
    public var transactionID: Int64
    /// Our request id: printed as text and as the Code 128 barcode staff scan.
    public var requestID: String
    /// The item.
    public var title: String
    public var author: String?
    /// Where the patron collects it.
    public var pickupBranch: Branch?
    /// The patron reference (the id we sent; `nil` once purged or when none was sent).
    public var patronReference: String?
    /// When it is due back at the lender.
    public var dueDate: Date?
    /// The lending library: its peer name and agency id.
    public var lender: String
    /// Where it goes back: the lender's return address when it sent one, else the lender itself.
    public var returnTo: [String]

    /// Creates a band.
    public init(
        transactionID: Int64,
        requestID: String,
        title: String,
        author: String? = nil,
        pickupBranch: Branch? = nil,
        patronReference: String? = nil,
        dueDate: Date? = nil,
        lender: String,
        returnTo: [String]
    ) {
        self.transactionID = transactionID
        self.requestID = requestID
        self.title = title
        self.author = author
        self.pickupBranch = pickupBranch
        self.patronReference = patronReference
        self.dueDate = dueDate
        self.lender = lender
        self.returnTo = returnTo
    }
}

extension Gateway {
    /// The book band of a loan we borrowed, from the request we sent and the lender's statuses.
    /// - Throws: ``StaffActionError/Reason/notFound`` when there is no borrowing transaction with that id,
    ///   ``StaffActionError/Reason/notAllowed`` when it is a copy (a copy gets no band).
    public func bookBand(transactionID id: Int64) async throws -> BookBand {
        let transaction = try await loan(id, role: .requester, for: "a book band")
        let messages = try await store.messages(transactionID: id)
        let decoder = ISO18626Decoder()
        var request: Request?
        var returnInfo: ReturnInfo?
        for message in messages {
            switch (message.direction, try? decoder.decode(message.body).message) {
            case (.outbound, .request(let sent)?) where request == nil:
                request = sent
            case (.inbound, .supplyingAgencyMessage(let status)?):
                returnInfo = status.returnInfo ?? returnInfo
            default:
                continue
            }
        }
        let configuration = self.configuration
        let lenderAgency = configuration.peers.peer(named: transaction.peerName)?.primaryAgencyID?.description ?? transaction.supplyingAgencyID
        var returnTo: [String] = []
        if let returnInfo {
            returnTo = [returnInfo.name, returnInfo.returnAgencyID?.description].compactMap(\.self)
            returnTo += returnInfo.physicalAddress?.printedLines ?? []
        }
        if returnTo.isEmpty { returnTo = ["\(transaction.peerName) (\(lenderAgency))"] }
        return BookBand(
            transactionID: id,
            requestID: transaction.requestingAgencyRequestID,
            title: request?.bibliographicInfo.title ?? transaction.title ?? "(no title)",
            author: request?.bibliographicInfo.author,
            pickupBranch: transaction.pickupLocation.flatMap(configuration.branch(code:)),
            patronReference: request?.patronInfo?.patronID,
            dueDate: transaction.dueDate,
            lender: "\(transaction.peerName) (\(lenderAgency))",
            returnTo: returnTo
        )
    }
}
