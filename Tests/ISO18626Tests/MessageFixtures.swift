import Foundation
import ISO18626

/// Small well-formed messages for tests, built as text so that tests can break them on purpose.
enum MessageFixtures {
    static let namespace = "http://illtransactions.org/2013/iso18626"

    static func header(requestID: String = "REQ-1", timestamp: String = "2026-11-23T10:00:00Z") -> String {
        """
        <header>
          <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>DK-820010</agencyIdValue></supplyingAgencyId>
          <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>US-NNC</agencyIdValue></requestingAgencyId>
          <multipleItemRequestId></multipleItemRequestId>
          <timestamp>\(timestamp)</timestamp>
          <requestingAgencyRequestId>\(requestID)</requestingAgencyRequestId>
        </header>
        """
    }

    static func envelope(_ body: String, version: String = "1.2") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ISO18626Message xmlns="\(namespace)" xmlns:ill="\(namespace)" ill:version="\(version)">
        \(body)
        </ISO18626Message>
        """
    }

    static func request(serviceType: String = "Loan", extraBibliographic: String = "") -> String {
        envelope(
            """
            <request>
            \(header())
            <bibliographicInfo><title>Moby Dick</title>\(extraBibliographic)</bibliographicInfo>
            <serviceInfo><serviceType>\(serviceType)</serviceType></serviceInfo>
            </request>
            """
        )
    }

    static func supplyingAgencyMessage(status: String = "Loaned", reason: String = "StatusChange") -> String {
        envelope(
            """
            <supplyingAgencyMessage>
            \(header())
            <messageInfo><reasonForMessage>\(reason)</reasonForMessage></messageInfo>
            <statusInfo><status>\(status)</status><lastChange>2026-11-23T10:00:00Z</lastChange></statusInfo>
            </supplyingAgencyMessage>
            """
        )
    }

    static func requestingAgencyMessage(action: String = "Received") -> String {
        envelope(
            """
            <requestingAgencyMessage>
            \(header())
            <action>\(action)</action>
            </requestingAgencyMessage>
            """
        )
    }
}
