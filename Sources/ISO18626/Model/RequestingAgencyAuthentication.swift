/// Credentials a requesting library may put into a header: its account at the supplier and a password or PIN.
///
/// The security code is a secret: never log it.
public struct RequestingAgencyAuthentication: Hashable, Sendable {
    /// The requester's customer number in the supplier's system.
    public var accountID: String?
    /// A password, PIN or similar.
    public var securityCode: String?

    /// Creates credentials.
    public init(accountID: String? = nil, securityCode: String? = nil) {
        self.accountID = accountID
        self.securityCode = securityCode
    }
}
