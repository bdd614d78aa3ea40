import Daemon
import Testing

/// Reading systemd's socket-activation variables: only for our process id, names mapped to listeners, and
/// every mismatch refused with a message that says what to fix. (Taking real sockets over is tested with
/// `systemd-socket-activate` in the integration tests.)
@Suite struct SystemdSocketActivationTests {
    private static let pid: Int32 = 4242

    @Test func withoutVariablesOrForAnotherProcessThereAreNoSockets() throws {
        #expect(try SystemdSocketActivation(environment: [:], processID: Self.pid) == SystemdSocketActivation())
        let other = ["LISTEN_PID": "99", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "http:tcp"]
        #expect(try SystemdSocketActivation(environment: other, processID: Self.pid) == SystemdSocketActivation())
    }

    @Test(arguments: [
        (["LISTEN_FDS": "two"], SocketActivationError.Code.malformedVariable, "LISTEN_FDS must be a number of descriptors, found \"two\""),
        (["LISTEN_FDS": "2", "LISTEN_FDNAMES": "http"], .malformedVariable, "LISTEN_FDNAMES names 1 sockets (\"http\") but LISTEN_FDS passes 2"),
        (["LISTEN_FDS": "1", "LISTEN_FDNAMES": "web"], .unknownName,
         "descriptor 3 is named \"web\"; illgate takes sockets named \"http\" and \"tcp\" (FileDescriptorName= in the socket unit)"),
        (["LISTEN_FDS": "1"], .unknownName,
         "descriptor 3 is named \"unknown\"; illgate takes sockets named \"http\" and \"tcp\" (FileDescriptorName= in the socket unit)"),
    ])
    func mismatchesAreRefused(variables: [String: String], code: SocketActivationError.Code, message: String) {
        let environment = variables.merging(["LISTEN_PID": "\(Self.pid)"]) { first, _ in first }
        #expect {
            try SystemdSocketActivation(environment: environment, processID: Self.pid)
        } throws: { error in
            guard let error = error as? SocketActivationError else { return false }
            return error.code == code && error.message == message
        }
    }

    @Test func aSocketForADisabledListenerIsRefused() {
        let sockets = SystemdSocketActivation(http: 3, tcp: 4)
        #expect(throws: Never.self) { try sockets.check(httpEnabled: true, tcpEnabled: true) }
        #expect(throws: SocketActivationError.self) { try sockets.check(httpEnabled: false, tcpEnabled: true) }
        #expect(throws: SocketActivationError.self) { try SystemdSocketActivation(tcp: 3).check(httpEnabled: true, tcpEnabled: false) }
        #expect(throws: Never.self) { try SystemdSocketActivation(http: 3).check(httpEnabled: true, tcpEnabled: false) }
    }

    @Test func aDescriptorThatIsNotAListeningSocketIsRefused() throws {
        // Descriptor 3 in the test process is not ours to pass; whatever it is (or is not), it is no
        // listening socket a test runner hands us.
        #expect {
            try SystemdSocketActivation(environment: ["LISTEN_PID": "\(Self.pid)", "LISTEN_FDS": "1", "LISTEN_FDNAMES": "http"], processID: Self.pid)
        } throws: { error in
            (error as? SocketActivationError)?.code == .notAListeningSocket
        }
    }
}
