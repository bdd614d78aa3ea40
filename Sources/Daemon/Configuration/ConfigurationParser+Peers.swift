internal import Foundation
internal import Gateway
internal import ISO18626
internal import TOMLKit
internal import Transport

extension ConfigurationParser {
    /// A peer as read, with the places of the values that cross-checks between peers report on.
    struct PeerResult {
        var settings: DaemonConfiguration.PeerSettings
        var namePath: ConfigurationPath
        var agencyPaths: [(AgencyID, ConfigurationPath)]
        var certificateSubjectsPath: ConfigurationPath?
    }

    /// `quirks`: the profile of the peer's system (`alma`, `reshare`, ...); the standard one when absent.
    func readQuirks(_ reader: TableReader) -> PeerQuirks {
        guard let text = reader.string("quirks", expected: "a string naming a profile, like \"alma\"") else { return .standard }
        guard let quirks = PeerQuirks.profiles[text] else {
            let known = PeerQuirks.profiles.keys.sorted().joined(separator: ", ")
            reader.report("quirks", "\"\(text)\" is not a known quirks profile; use one of: \(known)")
            return .standard
        }
        return quirks
    }

    /// One `[[peers]]` table.
    func readPeer(_ reader: TableReader, delivery: DaemonConfiguration.Delivery, calendar: Calendar) -> PeerResult {
        reader.require("name", "a short name for logs and the CLI, like \"lender\"")
        var name = reader.path.description
        if let text = reader.string("name", expected: "a string like \"lender\"") {
            if text.isEmpty || text.count > 64 || !text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
                reader.report("name", "must be 1 to 64 letters, digits, '-', '_' or '.', found \"\(text)\"")
            } else {
                name = text
                reader.peer = text
            }
        }

        reader.require("agency_ids", "the peer's agency ids, like [\"ISIL:DK-820010\"]")
        let agencies = agencyIDs(reader, "agency_ids", example: "[\"ISIL:DK-820010\"]")

        reader.require("endpoint", "where we send our messages, like \"https://ill.example.org/iso18626\" or \"tcp://ill.example.org:18627\"")
        var endpoint: URL?
        if let text = reader.string("endpoint", expected: "a string like \"http://127.0.0.1:28626/iso18626\"") {
            switch Self.parseEndpoint(text) {
            case .success(let url): endpoint = url
            case .failure(let message): reader.report("endpoint", message.description)
            }
        }

        let edition = readEdition(reader)
        let strict = reader.bool("strict") ?? false
        let quirks = readQuirks(reader)

        var allowedAddresses: [AddressRange] = []
        for element in reader.strings("allowed_addresses", expected: "an array of strings like [\"192.0.2.0/24\", \"2001:db8::/32\"]") ?? [] {
            if let range = AddressRange(element.value) {
                allowedAddresses.append(range)
            } else {
                reader.report(at: element.path, "\"\(element.value)\" is not an IP address or CIDR range like \"192.0.2.0/24\" or \"2001:db8::/32\"")
            }
        }

        let timeout = reader.seconds("timeout_seconds", expected: "a number of seconds like 30") ?? delivery.timeout
        var connectTimeout = min(delivery.connectTimeout, timeout)
        if let own = reader.seconds("connect_timeout_seconds", expected: "a number of seconds like 3") {
            if own > timeout {
                reader.report(
                    "connect_timeout_seconds",
                    "\(TableReader.format(own)) is more than the peer's timeout_seconds (\(TableReader.format(timeout))): connecting is part of the attempt"
                )
            }
            connectTimeout = own
        }

        let profile = readPeerProfile(reader, name: name, agencyIDs: agencies.map(\.0), edition: edition, calendar: calendar)
        let inboundReader = reader.table("inbound")
        let inbound = readInbound(inboundReader)
        let outbound = readOutbound(reader.table("outbound"), endpoint: endpoint)
        reader.finish()

        let peer = Peer(
            name: name,
            agencyIDs: agencies.map(\.0),
            edition: edition,
            requiredAuthentication: inbound.authentication,
            outboundAuthentication: outbound.authentication,
            strict: strict,
            requiresTransportIdentity: inbound.credentials.isConfigured,
            allowedAddresses: allowedAddresses,
            profile: profile,
            quirks: quirks
        )
        let link = PeerLink(name: name, endpoint: endpoint, inbound: inbound.credentials, outbound: outbound.credentials, timeout: timeout, connectTimeout: connectTimeout)
        return PeerResult(
            settings: DaemonConfiguration.PeerSettings(peer: peer, link: link),
            namePath: reader.path(of: "name"),
            agencyPaths: agencies,
            certificateSubjectsPath: inbound.credentials.certificateSubjects.isEmpty ? nil : inboundReader.path(of: "certificate_subjects")
        )
    }

    /// `edition = "1.2"` or `"2021-2"`; an unquoted `1.2` gets a hint to quote it.
    private func readEdition(_ reader: TableReader) -> Edition {
        let editions = Edition.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
        if let value = reader.value("edition"), value.string == nil, value.double != nil || value.int != nil {
            reader.report("edition", "expected a string, \(editions) (in quotes), found a number")
            return .v1_2
        }
        guard let text = reader.string("edition", expected: "a string, \(editions)") else { return .v1_2 }
        guard let edition = Edition(rawValue: text) else {
            reader.report("edition", "unknown edition \"\(text)\"; expected \(editions)")
            return .v1_2
        }
        return edition
    }

    // MARK: Credentials

    /// What a peer must present to us.
    struct InboundResult {
        var credentials: InboundCredentials
        var authentication: RequestingAgencyAuthentication?
    }

    /// `[peers.inbound]`.
    func readInbound(_ reader: TableReader) -> InboundResult {
        var credentials = InboundCredentials()
        credentials.basicUsername = reader.string("basic_user", expected: "a string like \"borrower\"")
        credentials.basicPassword = secret(reader, "basic_password", example: "correct horse battery staple")
        credentials.bearerToken = secret(reader, "bearer_token", example: "5f0c1d...")
        checkBasicPair(reader)
        for element in reader.strings("certificate_subjects", expected: "an array of strings like [\"CN=ill.example.org\"]") ?? [] {
            if element.value.trimmingCharacters(in: .whitespaces).isEmpty {
                reader.report(at: element.path, "must not be empty")
            } else {
                credentials.certificateSubjects.append(element.value)
            }
        }
        if reader.contains("certificate_subjects"), credentials.certificateSubjects.isEmpty {
            reader.report("certificate_subjects", "must list at least one subject (leave the key out instead)")
        }
        let authentication = readAgencyAuthentication(reader)
        reader.finish()
        return InboundResult(credentials: credentials, authentication: authentication)
    }

    /// What we present to a peer.
    struct OutboundResult {
        var credentials: OutboundCredentials
        var authentication: RequestingAgencyAuthentication?
    }

    /// `[peers.outbound]`.
    func readOutbound(_ reader: TableReader, endpoint: URL?) -> OutboundResult {
        var credentials = OutboundCredentials()
        credentials.basicUsername = reader.string("basic_user", expected: "a string like \"borrower\"")
        credentials.basicPassword = secret(reader, "basic_password", example: "correct horse battery staple")
        credentials.bearerToken = secret(reader, "bearer_token", example: "5f0c1d...")
        checkBasicPair(reader)
        if reader.contains("basic_user"), reader.contains("bearer_token") || reader.contains("bearer_token_file") {
            reader.report(
                reader.contains("bearer_token") ? "bearer_token" : "bearer_token_file",
                "set either basic_user and basic_password or bearer_token: only one Authorization header can be sent"
            )
        }
        credentials.tls = readOutboundTLS(reader, endpoint: endpoint)
        let authentication = readAgencyAuthentication(reader)
        reader.finish()
        return OutboundResult(credentials: credentials, authentication: authentication)
    }

    /// `tls_certificate`, `tls_private_key` and `tls_ca`: TLS to an `https://` peer.
    private func readOutboundTLS(_ reader: TableReader, endpoint: URL?) -> OutboundTLSFiles? {
        let keys = ["tls_certificate", "tls_private_key", "tls_ca"]
        guard keys.contains(where: reader.contains) else { return nil }
        let certificate = existingFile(reader, "tls_certificate", example: "/etc/illgate/tls/client.pem")
        let privateKey = existingFile(reader, "tls_private_key", example: "/etc/illgate/tls/client.key")
        let trustRoots = existingFile(reader, "tls_ca", example: "/etc/illgate/tls/peer-ca.pem")
        if reader.contains("tls_certificate"), !reader.contains("tls_private_key") {
            reader.report("tls_certificate", "tls_certificate is set but tls_private_key is not")
        } else if reader.contains("tls_private_key"), !reader.contains("tls_certificate") {
            reader.report("tls_private_key", "tls_private_key is set but tls_certificate is not")
        }
        if let scheme = endpoint?.scheme?.lowercased(), scheme != "https", let first = keys.first(where: reader.contains) {
            reader.report(first, "TLS settings apply to https:// endpoints; this peer's endpoint is \(scheme)://")
        }
        return OutboundTLSFiles(certificatePath: certificate, privateKeyPath: privateKey, trustRootsPath: trustRoots)
    }

    /// `account_id` and `security_code`: ISO 18626 `requestingAgencyAuthentication`.
    private func readAgencyAuthentication(_ reader: TableReader) -> RequestingAgencyAuthentication? {
        let accountID = reader.string("account_id", expected: "a string like \"ACCT-1234\"")
        if let accountID, accountID.isEmpty { reader.report("account_id", "must not be empty") }
        let securityCode = secret(reader, "security_code", example: "s3cret")
        guard accountID != nil || securityCode != nil else { return nil }
        return RequestingAgencyAuthentication(accountID: accountID, securityCode: securityCode)
    }

    /// A user name needs a password and the other way round.
    private func checkBasicPair(_ reader: TableReader) {
        let hasUser = reader.contains("basic_user")
        let hasPassword = reader.contains("basic_password") || reader.contains("basic_password_file")
        if hasUser, !hasPassword {
            reader.report("basic_user", "basic_user is set but basic_password (or basic_password_file) is not")
        } else if hasPassword, !hasUser {
            reader.report(reader.contains("basic_password") ? "basic_password" : "basic_password_file", "basic_password is set but basic_user is not")
        }
    }

    // MARK: Across peers

    /// Names and agency ids must be unique, none of ours may be a peer's, and certificate subjects need a
    /// TLS listener that asks for client certificates.
    func checkPeers(_ peers: [PeerResult], library: LibraryResult, http: ListenerResult<HTTPListenerConfiguration>) {
        var names: [String: String] = [:]
        var owners: [String: String] = [:]
        for (agency, _) in library.agencyPaths { owners[agency.key] = "this library ([library] agency_ids)" }
        for peer in peers {
            let name = peer.settings.name
            let lowered = name.lowercased()
            if let first = names[lowered] {
                problems.report(at: peer.namePath, peer: name, "peer name \"\(name)\" is already used by \(first)")
            } else {
                names[lowered] = peer.namePath.parent?.description ?? name
            }
            for (agency, path) in peer.agencyPaths {
                if let owner = owners[agency.key] {
                    problems.report(at: path, peer: name, "\(agency) already belongs to \(owner); an agency id may belong to one party only")
                } else {
                    owners[agency.key] = "peer \"\(name)\""
                }
            }
            if let path = peer.certificateSubjectsPath, http.configuration?.tls?.clientCAPath == nil {
                problems.report(
                    at: path,
                    peer: name,
                    "certificate_subjects needs an HTTPS listener that asks for client certificates: set [http.tls] client_ca"
                )
            }
        }
    }
}
