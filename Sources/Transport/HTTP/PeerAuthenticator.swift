import Foundation

/// Identifies which configured peer a connection belongs to from the credentials it presents: HTTP Basic,
/// a bearer token or a TLS client certificate's common name.
///
/// Presented credentials that match no peer are refused (HTTP 401); no credentials at all leave the
/// connection anonymous, and the gateway then identifies the peer by the agency id in the message, which
/// it refuses if that peer is configured to authenticate its connections.
struct PeerAuthenticator: Sendable {
    /// Who the connection is.
    enum Outcome: Equatable {
        /// No credentials were presented.
        case anonymous
        /// The credentials belong to this peer.
        case peer(String)
        /// Credentials were presented but match no peer; the reason is for the security log only.
        case refused(String)
    }

    private let table: PeerLinkTable

    init(links: PeerLinkTable) {
        self.table = links
    }

    func identify(authorization: String?, certificateCommonName: String?) -> Outcome {
        let links = table.all
        var byHeader: String?
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return .refused("malformed Authorization header") }
            let scheme = parts[0].lowercased()
            let credential = String(parts[1]).trimmingCharacters(in: .whitespaces)
            switch scheme {
            case "basic":
                guard let decoded = Data(base64Encoded: credential).map({ String(decoding: $0, as: UTF8.self) }),
                    let colon = decoded.firstIndex(of: ":")
                else { return .refused("malformed Basic credentials") }
                let user = String(decoded[..<colon])
                let password = String(decoded[decoded.index(after: colon)...])
                guard let link = links.first(where: { link in
                    link.inbound.basicUsername.map { secretsEqual($0, user) } == true
                        && link.inbound.basicPassword.map { secretsEqual($0, password) } == true
                }) else { return .refused("Basic credentials for user '\(user)' do not match any peer") }
                byHeader = link.name
            case "bearer":
                guard let link = links.first(where: { $0.inbound.bearerToken.map { secretsEqual($0, credential) } == true }) else {
                    return .refused("bearer token does not match any peer")
                }
                byHeader = link.name
            default:
                return .refused("unsupported Authorization scheme '\(scheme)'")
            }
        }
        var byCertificate: String?
        if let certificateCommonName {
            byCertificate = links.first { $0.inbound.certificateSubjects.contains(certificateCommonName) }?.name
        }
        switch (byHeader, byCertificate) {
        case (let header?, let certificate?) where header != certificate:
            return .refused("credentials of peer '\(header)' on a connection with the certificate of peer '\(certificate)'")
        case (let name?, _), (nil, let name?):
            return .peer(name)
        case (nil, nil):
            return .anonymous
        }
    }
}

/// Compares two secrets in time independent of where they differ.
func secretsEqual(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8)
    let b = Array(right.utf8)
    var difference = UInt8(a.count == b.count ? 0 : 1)
    for index in 0..<max(a.count, b.count) {
        difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
    }
    return difference == 0
}
