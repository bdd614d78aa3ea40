public import Foundation
import ISO18626
import Store
import Transactions

/// Everything a lending label prints: the 4 × 6 inch shipping label on a parcel we lend, addressed to the
/// borrowing library, with our return address and the ids both sides scan.
public struct LendingLabel: Hashable, Sendable {
    /// Our transaction.
    public var transactionID: Int64
    /// The borrower's request id (what the borrower scans when it arrives): also the barcode.
    public var requestID: String
    /// Our id for the loan, if we gave one.
    public var ourRequestID: String?
    /// The item.
    public var title: String
    /// When it is due back to us, once shipped.
    public var dueDate: Date?
    /// The borrowing library's address block: its name, then the delivery address it asked for.
    public var to: [String]
    /// Our return address (`[library]` name and address).
    public var from: [String]

    /// Creates a label.
    public init(transactionID: Int64, requestID: String, ourRequestID: String?, title: String, dueDate: Date?, to: [String], from: [String]) {
        self.transactionID = transactionID
        self.requestID = requestID
        self.ourRequestID = ourRequestID
        self.title = title
        self.dueDate = dueDate
        self.to = to
        self.from = from
    }
}

extension Gateway {
    /// The lending label of a loan we supply, from the borrower's request: the delivery address it asked
    /// for (by its sort order), else the postal address of its requesting agency details, else the peer's
    /// name and agency id.
    /// - Throws: ``StaffActionError/Reason/notFound`` when there is no lending transaction with that id,
    ///   ``StaffActionError/Reason/notAllowed`` when it is a copy (a copy is not shipped in a parcel).
    public func lendingLabel(transactionID id: Int64) async throws -> LendingLabel {
        let transaction = try await loan(id, role: .supplier, for: "a lending label")
        let decoder = ISO18626Decoder()
        let request = try await store.messages(transactionID: id).lazy
            .filter { $0.direction == .inbound && $0.kind == .request }
            .compactMap { message -> Request? in
                guard case .request(let request)? = try? decoder.decode(message.body).message else { return nil }
                return request
            }
            .first
        let delivery = request?.requestedDeliveryInfo.sorted { ($0.sortOrder ?? .max) < ($1.sortOrder ?? .max) }
            .lazy.compactMap { info -> PhysicalAddress? in
                guard case .physical(let address)? = info.address else { return nil }
                return address
            }.first
        let agencyAddress = request?.requestingAgencyInfo?.address.lazy.compactMap { address -> PhysicalAddress? in
            guard case .physical(let physical) = address else { return nil }
            return physical
        }.first
        let name = request?.requestingAgencyInfo?.name ?? transaction.peerName
        let to = [name] + ((delivery ?? agencyAddress)?.printedLines ?? [transaction.requestingAgencyID])
        let configuration = self.configuration
        let from = configuration.returnAddress.isEmpty ? [configuration.libraryAgencyIDs[0].description] : configuration.returnAddress
        return LendingLabel(
            transactionID: id,
            requestID: transaction.requestingAgencyRequestID,
            ourRequestID: transaction.supplyingAgencyRequestID,
            title: request?.bibliographicInfo.title ?? transaction.title ?? "(no title)",
            dueDate: transaction.dueDate,
            to: to,
            from: from
        )
    }
}
