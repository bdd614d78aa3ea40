import AsyncHTTPClient
import Daemon
import Foundation
import NIOCore
import NIOHTTP1
import Transport

/// Talks to a running daemon's admin API on behalf of the CLI, with the token from the token file.
struct AdminClient {
    let baseURL: String
    let token: String

    /// Reads the admin address and token file from the daemon's configuration.
    init(configurationPath: String?) throws {
        let configuration = try ConfigurationFile.load(configurationPath).configuration
        let admin = configuration.admin
        let host = admin.host.contains(":") ? "[\(admin.host)]" : admin.host
        baseURL = "http://\(host):\(admin.port)"
        guard let data = FileManager.default.contents(atPath: admin.tokenFile) else {
            throw CommandFailure("cannot read the admin token \(admin.tokenFile): is the daemon running, and may you read its token file?")
        }
        token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func get<Answer: Decodable>(_ path: String, as type: Answer.Type) async throws -> Answer {
        try await call("GET", path, body: nil as String?, as: type)
    }

    /// The answer's JSON as the daemon wrote it (for `--json`).
    func getJSON(_ path: String) async throws -> String {
        String(decoding: try await send("GET", path, body: nil as String?), as: UTF8.self)
    }

    func post<Body: Encodable, Answer: Decodable>(_ path: String, _ body: Body?, as type: Answer.Type) async throws -> Answer {
        try await call("POST", path, body: body, as: type)
    }

    /// The body of a `GET` that answers with a file (a PDF), as bytes.
    func download(_ path: String) async throws -> [UInt8] {
        Array(try await send("GET", path, body: nil as String?))
    }

    private func call<Body: Encodable, Answer: Decodable>(_ method: String, _ path: String, body: Body?, as type: Answer.Type) async throws -> Answer {
        let data = try await send(method, path, body: body)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw CommandFailure("unexpected answer from the admin API: \(error)")
        }
    }

    /// Sends a request and returns the body of a 2xx answer; anything else is the daemon's refusal.
    private func send<Body: Encodable>(_ method: String, _ path: String, body: Body?) async throws -> Data {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        } catch {
            throw CommandFailure("cannot reach the daemon's admin API at \(baseURL): \(error)")
        }
        let data = Data(Array(buffer: try await response.body.collect(upTo: 64 << 20)))
        guard (200..<300).contains(Int(response.status.code)) else {
            if let refusal = try? JSONDecoder().decode(AdminError.self, from: data) {
                throw CommandFailure(refusal.error)
            }
            throw CommandFailure("the admin API answered HTTP \(response.status.code): \(String(decoding: data, as: UTF8.self))")
        }
        return data
    }
}

