import Gateway
import ISO18626
import Testing
@testable import Transport

/// `patronEmail` in `POST /v1/borrowing`: sent as the patron's `Email` address, refused without repeating it when malformed.
@Suite struct AdminPatronEmailTests {
    @Test func anAddressBecomesThePatronsEmailAddress() throws {
        var body = AdminBorrowRequest(peer: "lender", serviceType: "Loan")
        body.title = "Moby-Dick"
        body.patronID = "P-1"
        body.patronEmail = " ada@example.org "
        let request = try AdminCommandParser.borrowingRequest(body)
        #expect(request.patronInfo?.address == [.electronic(ElectronicAddress(type: "Email", data: "ada@example.org"))])
        #expect(request.patronInfo?.patronID == "P-1")
    }

    @Test func aMalformedAddressIsRefusedWithoutEchoingIt() throws {
        for text in ["ada.example.org", "ada@", "a@b@c", "ada@example.org\nBcc: all@example.org"] {
            var body = AdminBorrowRequest(peer: "lender", serviceType: "Loan")
            body.title = "Moby-Dick"
            body.patronEmail = text
            #expect {
                try AdminCommandParser.borrowingRequest(body)
            } throws: { error in
                guard let error = error as? AdminError else { return false }
                return error.reason == .badRequest && error.error.hasPrefix("patronEmail:") && !error.error.contains("ada")
            }
        }
    }
}
