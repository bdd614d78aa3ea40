import Testing
@testable import Transport

/// Graceful shutdown of one TCP connection: finish the message being answered, close between messages, and
/// give a connection that has sent nothing yet a moment for its first message.
@Suite struct TCPConnectionDrainTests {
    @Test func betweenMessagesTheConnectionClosesAtOnce() {
        let drain = TCPConnectionDrain()
        #expect(drain.beginMessage())
        #expect(drain.endMessage())
        #expect(drain.stop() == .closeNow)
        #expect(!drain.beginMessage())
    }

    @Test func aMessageBeingAnsweredIsFinishedFirst() {
        let drain = TCPConnectionDrain()
        #expect(drain.beginMessage())
        #expect(drain.stop() == .closeWhenAnswered)
        #expect(!drain.endMessage())
    }

    @Test func aConnectionWithoutAMessageYetMayStillSendItsFirst() {
        let waiting = TCPConnectionDrain()
        #expect(waiting.stop() == .waitForFirstMessage)
        #expect(waiting.closeIfStillWaiting())

        let arriving = TCPConnectionDrain()
        #expect(arriving.stop() == .waitForFirstMessage)
        #expect(arriving.beginMessage())
        #expect(!arriving.closeIfStillWaiting())
        // Answered, then closed: no second message after the shutdown.
        #expect(!arriving.endMessage())
        #expect(!arriving.beginMessage())
    }
}
