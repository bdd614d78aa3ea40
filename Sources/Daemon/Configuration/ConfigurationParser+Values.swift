internal import Foundation
internal import Gateway
internal import ISO18626

extension ConfigurationParser {
    // MARK: Paths and files

    /// An absolute path: relative paths are taken from the working directory.
    func resolve(_ path: String) -> String {
        let base = URL(fileURLWithPath: workingDirectory, isDirectory: true)
        return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.path
    }

    /// A path key naming a file that must exist and be readable, resolved.
    func existingFile(_ reader: TableReader, _ key: String, example: String) -> String? {
        guard let text = reader.string(key, expected: "a string naming a file, like \"\(example)\"") else { return nil }
        guard !text.isEmpty else {
            reader.report(key, "must not be empty")
            return nil
        }
        let path = resolve(text)
        switch FileAccess.problem(path) {
        case nil: break
        case .noSuchFile: reader.report(key, "no such file: \(path)")
        case .isDirectory: reader.report(key, "\(path) is a directory, not a file")
        case let failure?: reader.report(key, "\(path): \(failure.message)")
        }
        return path
    }

    /// A secret given either in the file (`key`) or as the name of a file holding it (`key_file`); the
    /// content of the file without leading and trailing whitespace.
    func secret(_ reader: TableReader, _ key: String, example: String) -> String? {
        let fileKey = key + "_file"
        let direct = reader.string(key, expected: "a string like \"\(example)\" (or put it in a file named by \(fileKey))")
        let fileName = reader.string(fileKey, expected: "a string naming a file, like \"/etc/illgate/secrets/\(key)\"")
        if reader.contains(key), reader.contains(fileKey) {
            reader.report(fileKey, "set either \(key) or \(fileKey), not both")
            return direct
        }
        if let direct {
            if direct.isEmpty { reader.report(key, "must not be empty") }
            return direct
        }
        guard let fileName else { return nil }
        guard !fileName.isEmpty else {
            reader.report(fileKey, "must not be empty")
            return nil
        }
        let path = resolve(fileName)
        let data: Data
        do {
            data = try FileAccess.read(path)
        } catch .noSuchFile {
            reader.report(fileKey, "no such file: \(path)")
            return nil
        } catch {
            reader.report(fileKey, "\(path): \(error.message)")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            reader.report(fileKey, "\(path) is not UTF-8 text")
            return nil
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else {
            reader.report(fileKey, "\(path) is empty")
            return nil
        }
        return secret
    }

    // MARK: Agency ids

    /// An array of `TYPE:VALUE` agency ids with the path of each; bad ones are reported and left out.
    func agencyIDs(_ reader: TableReader, _ key: String, example: String) -> [(AgencyID, ConfigurationPath)] {
        guard let elements = reader.strings(key, expected: "an array of strings like \(example)") else { return [] }
        if elements.isEmpty, reader.contains(key) {
            reader.report(key, "must list at least one agency id, like \(example)")
        }
        var result: [(AgencyID, ConfigurationPath)] = []
        for element in elements {
            switch Self.parseAgencyID(element.value) {
            case .success(let agency): result.append((agency, element.path))
            case .failure(let message): reader.report(at: element.path, message.description)
            }
        }
        return result
    }

    /// `TYPE:VALUE`, such as `ISIL:US-NNC`: a type of letters, digits, `-` or `_`, and a value without spaces.
    static func parseAgencyID(_ text: String) -> Result<AgencyID, ValueMessage> {
        let bad = ValueMessage("\"\(text)\" is not an agency id; expected TYPE:VALUE like \"ISIL:US-NNC\"")
        guard let colon = text.firstIndex(of: ":") else { return .failure(bad) }
        let type = text[..<colon]
        let value = text[text.index(after: colon)...]
        guard !type.isEmpty, !value.isEmpty,
            type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
            !value.contains(where: { $0.isWhitespace || $0.isNewline })
        else { return .failure(bad) }
        return .success(AgencyID(key: text))
    }

    // MARK: Endpoints

    /// A peer endpoint: `http://` or `https://` with a host (we POST there), or `tcp://host:port`.
    static func parseEndpoint(_ text: String) -> Result<URL, ValueMessage> {
        let expected = "expected an http://, https:// or tcp://host:port URL"
        guard text.contains("://"), let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), let url = URL(string: text) else {
            return .failure(ValueMessage("\"\(text)\" is not a URL; \(expected)"))
        }
        guard ["http", "https", "tcp"].contains(scheme) else {
            return .failure(ValueMessage("unsupported scheme \"\(scheme)\" in \"\(text)\"; \(expected)"))
        }
        guard let host = components.host, !host.isEmpty else {
            return .failure(ValueMessage("\"\(text)\" has no host; \(expected)"))
        }
        if components.user != nil || components.password != nil {
            return .failure(ValueMessage("put credentials in [peers.outbound], not in the URL"))
        }
        if let port = components.port, !(1...65535).contains(port) {
            return .failure(ValueMessage("port \(port) is out of range (1 to 65535) in \"\(text)\""))
        }
        if scheme == "tcp" {
            guard components.port != nil else {
                return .failure(ValueMessage("a tcp endpoint needs a port, like \"tcp://\(host):18627\""))
            }
            guard components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil else {
                return .failure(ValueMessage("a tcp endpoint is just tcp://host:port, found \"\(text)\""))
            }
        }
        return .success(url)
    }
}
