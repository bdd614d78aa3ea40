import Foundation

/// One of our own service points (`[[library.branches]]`): where items are shelved and where patrons
/// collect what we borrowed for them.
public struct Branch: Hashable, Sendable {
    /// The short code staff type and lists show (`MAIN`, `LAW`).
    public var code: String
    /// The name printed for patrons.
    public var name: String
    /// The postal address, one line per element.
    public var address: [String]

    /// Creates a branch.
    public init(code: String, name: String, address: [String] = []) {
        self.code = code
        self.name = name
        self.address = address
    }
}

extension GatewayConfiguration {
    /// The branch with this code (case-insensitive), if it is configured.
    public func branch(code: String) -> Branch? {
        branches.first { $0.code.caseInsensitiveCompare(code) == .orderedSame }
    }

    /// The configured branch a pickup location names, by its own code.
    /// - Throws: ``StaffActionError/Reason/unknownBranch`` when no branch has that code.
    func pickupBranch(_ code: String?) throws(StaffActionError) -> String? {
        try knownBranch(code, as: "pickup location")
    }

    /// The configured branch `code` names, by its own code; `what` is what the code is to the caller
    /// (`pickup location`, `branch`), for the error.
    /// - Throws: ``StaffActionError/Reason/unknownBranch`` naming the known branches.
    func knownBranch(_ code: String?, as what: String) throws(StaffActionError) -> String? {
        guard let code else { return nil }
        guard let branch = branch(code: code) else {
            let known = branches.map(\.code).joined(separator: ", ")
            throw StaffActionError(
                .unknownBranch,
                "\(what) '\(code)' is not a branch in [library]; " + (known.isEmpty ? "no branches are configured" : "known branches: \(known)")
            )
        }
        return branch.code
    }
}
