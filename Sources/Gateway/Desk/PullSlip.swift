public import Foundation
import Store

/// What a branch's pull slip says: which copy to take off which shelf, for which request, and by when it
/// must be at the ILL desk. The borrower's request id is the barcode staff scan when the copy arrives.
public struct PullSlip: Hashable, Sendable {
    /// The lending transaction.
    public var transactionID: Int64
    /// The owning branch's code and name.
    public var branchCode: String
    public var branchName: String
    public var title: String
    public var callNumber: String?
    public var shelfLocation: String?
    /// The borrower's request id (printed and as a Code 128 barcode).
    public var requestID: String
    /// The borrowing library: its peer name and agency id.
    public var borrowingLibrary: String
    /// When the copy must be at the ILL desk.
    public var deadline: Date?

    /// Creates a slip.
    public init(
        transactionID: Int64,
        branchCode: String,
        branchName: String,
        title: String,
        callNumber: String? = nil,
        shelfLocation: String? = nil,
        requestID: String,
        borrowingLibrary: String,
        deadline: Date? = nil
    ) {
        self.transactionID = transactionID
        self.branchCode = branchCode
        self.branchName = branchName
        self.title = title
        self.callNumber = callNumber
        self.shelfLocation = shelfLocation
        self.requestID = requestID
        self.borrowingLibrary = borrowingLibrary
        self.deadline = deadline
    }
}

extension Gateway {
    /// The slips of a branch's open pulls, oldest first (the pick list, printed).
    /// - Throws: ``StaffActionError/Reason/unknownBranch`` for a branch not in `[library]`,
    ///   ``StaffActionError/Reason/notFound`` when the branch has no open pull.
    public func pullSlips(branch code: String) async throws(StaffActionError) -> [PullSlip] {
        let listings = try await pulls(branch: code)
        guard !listings.isEmpty else {
            throw StaffActionError(.notFound, "branch '\(code)' has no open pull to print")
        }
        return listings.map { listing in
            PullSlip(
                transactionID: listing.pull.transactionID,
                branchCode: listing.pull.branch,
                branchName: configuration.branch(code: listing.pull.branch)?.name ?? listing.pull.branch,
                title: listing.pull.title,
                callNumber: listing.pull.callNumber,
                shelfLocation: listing.pull.shelfLocation,
                requestID: listing.requestID,
                borrowingLibrary: "\(listing.peerName) (\(listing.requestingAgencyID))",
                deadline: listing.pull.deadline
            )
        }
    }
}
