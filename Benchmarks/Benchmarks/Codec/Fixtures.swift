/// The documents the codec benchmarks read and write.
enum Fixtures {
    /// A realistic ISO 18626 v1.2 `request` (copy of a journal article, pretty-printed with tabs, about 2.5 KB):
    /// envelope, header with two ISIL agency ids and an empty multipleItemRequestId, bibliographic data with
    /// ISSN, ISBN and OCLC ids, service, delivery, requesting agency, patron and billing blocks. Valid against
    /// the published v1.2 schema.
    static let typicalRequest = #"""
<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">
	<request>
		<header>
			<supplyingAgencyId>
				<agencyIdType>ISIL</agencyIdType>
				<agencyIdValue>DK-820010</agencyIdValue>
			</supplyingAgencyId>
			<requestingAgencyId>
				<agencyIdType>ISIL</agencyIdType>
				<agencyIdValue>US-NjP</agencyIdValue>
			</requestingAgencyId>
			<multipleItemRequestId></multipleItemRequestId>
			<timestamp>2026-11-23T09:41:27Z</timestamp>
			<requestingAgencyRequestId>NjP-48213</requestingAgencyRequestId>
		</header>
		<bibliographicInfo>
			<title>Journal of Documentation</title>
			<author>Emerald</author>
			<titleOfComponent>Open access and ILL</titleOfComponent>
			<authorOfComponent>Sørensen, Mette</authorOfComponent>
			<volume>81</volume>
			<issue>4</issue>
			<pagesRequested>812-839</pagesRequested>
			<bibliographicItemId>
				<bibliographicItemIdentifier>0022-0418</bibliographicItemIdentifier>
				<bibliographicItemIdentifierCode>ISSN</bibliographicItemIdentifierCode>
			</bibliographicItemId>
			<bibliographicItemId>
				<bibliographicItemIdentifier>9781837970124</bibliographicItemIdentifier>
				<bibliographicItemIdentifierCode>ISBN</bibliographicItemIdentifierCode>
			</bibliographicItemId>
			<bibliographicRecordId>
				<bibliographicRecordIdentifierCode>OCLC</bibliographicRecordIdentifierCode>
				<bibliographicRecordIdentifier>1754238</bibliographicRecordIdentifier>
			</bibliographicRecordId>
		</bibliographicInfo>
		<publicationInfo>
			<publisher>Emerald</publisher>
		</publicationInfo>
		<serviceInfo>
			<requestType>New</requestType>
			<serviceType>Copy</serviceType>
			<serviceLevel>Normal</serviceLevel>
			<preferredFormat>PDF</preferredFormat>
			<needBeforeDate>2026-12-15T23:59:59Z</needBeforeDate>
			<copyrightCompliance>US-CCG</copyrightCompliance>
		</serviceInfo>
		<requestedDeliveryInfo>
			<address>
				<electronicAddress>
					<electronicAddressType>Email</electronicAddressType>
					<electronicAddressData>ill@princeton.edu</electronicAddressData>
				</electronicAddress>
			</address>
		</requestedDeliveryInfo>
		<requestingAgencyInfo>
			<name>Princeton Univ. Library</name>
		</requestingAgencyInfo>
		<patronInfo>
			<patronId>P2231987</patronId>
		</patronInfo>
		<billingInfo>
			<maximumCosts>
				<currencyCode>USD</currencyCode>
				<monetaryValue>25.00</monetaryValue>
			</maximumCosts>
		</billingInfo>
	</request>
</ISO18626Message>
"""#

    /// A large request (about 30 KB): many supplierInfo (a broker's rota), bibliographicRecordId and
    /// requestedDeliveryInfo entries, and long notes with escaped and non-ASCII text. Valid against v1.2.
    static let largeRequest: String = {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">
        \t<request>
        \t\t<header>
        \t\t\t<supplyingAgencyId>
        \t\t\t\t<agencyIdType>ISIL</agencyIdType>
        \t\t\t\t<agencyIdValue>US-BROKER</agencyIdValue>
        \t\t\t</supplyingAgencyId>
        \t\t\t<requestingAgencyId>
        \t\t\t\t<agencyIdType>ISIL</agencyIdType>
        \t\t\t\t<agencyIdValue>US-NjP</agencyIdValue>
        \t\t\t</requestingAgencyId>
        \t\t\t<multipleItemRequestId></multipleItemRequestId>
        \t\t\t<timestamp>2026-11-23T09:41:27.512Z</timestamp>
        \t\t\t<requestingAgencyRequestId>NjP-ILL-2026-0048214</requestingAgencyRequestId>
        \t\t</header>
        \t\t<bibliographicInfo>
        \t\t\t<title>Proceedings of the International Conference on Resource Sharing &amp; Document Delivery</title>
        \t\t\t<author>International Federation of Library Associations and Institutions</author>
        \t\t\t<titleOfComponent>Über die Fernleihe: Erfahrungen aus fünfzig Jahren</titleOfComponent>
        \t\t\t<authorOfComponent>Müller-Lüdenscheidt, Jürgen; Ørsted, Åse</authorOfComponent>
        \t\t\t<volume>12</volume>
        \t\t\t<issue>3</issue>
        \t\t\t<pagesRequested>101-148</pagesRequested>
        \t\t\t<bibliographicItemId>
        \t\t\t\t<bibliographicItemIdentifier>0340-0352</bibliographicItemIdentifier>
        \t\t\t\t<bibliographicItemIdentifierCode>ISSN</bibliographicItemIdentifierCode>
        \t\t\t</bibliographicItemId>
        \t\t\t<bibliographicItemId>
        \t\t\t\t<bibliographicItemIdentifier>9783110123456</bibliographicItemIdentifier>
        \t\t\t\t<bibliographicItemIdentifierCode>ISBN</bibliographicItemIdentifierCode>
        \t\t\t</bibliographicItemId>

        """
        for index in 1...largeRecordIDCount {
            xml += """
            \t\t\t<bibliographicRecordId>
            \t\t\t\t<bibliographicRecordIdentifierCode>\(index.isMultiple(of: 2) ? "LCCN" : "OCLC")</bibliographicRecordIdentifierCode>
            \t\t\t\t<bibliographicRecordIdentifier>\(17_542_380 + index * 7)</bibliographicRecordIdentifier>
            \t\t\t</bibliographicRecordId>

            """
        }
        xml += """
        \t\t</bibliographicInfo>
        \t\t<publicationInfo>
        \t\t\t<publisher>De Gruyter Saur</publisher>
        \t\t\t<publicationType>Journal</publicationType>
        \t\t\t<publicationDate>1998</publicationDate>
        \t\t\t<placeOfPublication>München</placeOfPublication>
        \t\t</publicationInfo>
        \t\t<serviceInfo>
        \t\t\t<requestType>New</requestType>
        \t\t\t<requestSubType>PatronRequest</requestSubType>
        \t\t\t<serviceType>CopyOrLoan</serviceType>
        \t\t\t<serviceLevel>Rush</serviceLevel>
        \t\t\t<preferredFormat>PDF</preferredFormat>
        \t\t\t<needBeforeDate>2026-12-15T23:59:59Z</needBeforeDate>
        \t\t\t<copyrightCompliance>US-CCG</copyrightCompliance>
        \t\t\t<anyEdition>Y</anyEdition>
        \t\t\t<note>\(longNote(repeats: 12))</note>
        \t\t</serviceInfo>

        """
        for index in 1...largeSupplierCount {
            xml += """
            \t\t<supplierInfo>
            \t\t\t<sortOrder>\(index)</sortOrder>
            \t\t\t<supplierCode>
            \t\t\t\t<agencyIdType>ISIL</agencyIdType>
            \t\t\t\t<agencyIdValue>US-S\(1000 + index)</agencyIdValue>
            \t\t\t</supplierCode>
            \t\t\t<supplierDescription>Supplier \(index) &lt;regional consortium&gt;</supplierDescription>
            \t\t\t<bibliographicRecordId>
            \t\t\t\t<bibliographicRecordIdentifierCode>OCLC</bibliographicRecordIdentifierCode>
            \t\t\t\t<bibliographicRecordIdentifier>\(90_000_000 + index)</bibliographicRecordIdentifier>
            \t\t\t</bibliographicRecordId>
            \t\t\t<callNumber>Z\(700 + index).F4 \(1990 + index % 30)</callNumber>
            \t\t\t<summaryHoldings>v.1-\(20 + index) (1987-\(2000 + index % 26))</summaryHoldings>
            \t\t\t<availabilityNote>\(longNote(repeats: 1))</availabilityNote>
            \t\t</supplierInfo>

            """
        }
        for index in 1...largeDeliveryCount {
            if index.isMultiple(of: 2) {
                xml += """
                \t\t<requestedDeliveryInfo>
                \t\t\t<sortOrder>\(index)</sortOrder>
                \t\t\t<address>
                \t\t\t\t<physicalAddress>
                \t\t\t\t\t<line1>Firestone Library, Room \(100 + index)</line1>
                \t\t\t\t\t<line2>One Washington Road</line2>
                \t\t\t\t\t<locality>Princeton</locality>
                \t\t\t\t\t<postalCode>08544</postalCode>
                \t\t\t\t\t<region>NJ</region>
                \t\t\t\t\t<country>US</country>
                \t\t\t\t</physicalAddress>
                \t\t\t</address>
                \t\t</requestedDeliveryInfo>

                """
            } else {
                xml += """
                \t\t<requestedDeliveryInfo>
                \t\t\t<sortOrder>\(index)</sortOrder>
                \t\t\t<address>
                \t\t\t\t<electronicAddress>
                \t\t\t\t\t<electronicAddressType>Email</electronicAddressType>
                \t\t\t\t\t<electronicAddressData>ill-desk-\(index)@library.princeton.edu</electronicAddressData>
                \t\t\t\t</electronicAddress>
                \t\t\t</address>
                \t\t</requestedDeliveryInfo>

                """
            }
        }
        xml += """
        \t\t<requestingAgencyInfo>
        \t\t\t<name>Princeton University Library</name>
        \t\t\t<contactName>Interlibrary Services</contactName>
        \t\t</requestingAgencyInfo>
        \t\t<patronInfo>
        \t\t\t<patronId>P2231987</patronId>
        \t\t\t<surname>Nakamura</surname>
        \t\t\t<givenName>Yuki</givenName>
        \t\t\t<patronType>Faculty</patronType>
        \t\t\t<sendToPatron>N</sendToPatron>
        \t\t</patronInfo>
        \t\t<billingInfo>
        \t\t\t<paymentMethod>IFM</paymentMethod>
        \t\t\t<maximumCosts>
        \t\t\t\t<currencyCode>USD</currencyCode>
        \t\t\t\t<monetaryValue>45.00</monetaryValue>
        \t\t\t</maximumCosts>
        \t\t\t<billingMethod>Invoice</billingMethod>
        \t\t</billingInfo>
        \t</request>
        </ISO18626Message>

        """
        return xml
    }()

    static let largeRecordIDCount = 20
    static let largeSupplierCount = 25
    static let largeDeliveryCount = 12

    private static func longNote(repeats: Int) -> String {
        let sentence =
            "Patron needs the complete article incl. figures &amp; tables; scan at 300 dpi, colour if possible. "
            + "Bitte nicht über Kurier senden – nur elektronisch."
        return Array(repeating: sentence, count: repeats).joined(separator: " ")
    }
}
