// The open code lists of ISO 18626 (Annex B, Table B.1): for each list a caseless enum naming it and
// giving its default values, and a typealias for the values themselves. `knownValues` joins the 2017 and
// 2021 default values; named constants for them are in OpenCodeValues.swift.

// MARK: - Agencies and addresses

/// The AgencyIdType list: the kind of identifier in an `agencyId` (`agencyIdType`).
public enum AgencyIDTypeList: OpenCodeList {
    /// The standard's name for the list, `AgencyIdType`.
    public static let listName = "AgencyIdType"
    /// ISIL in 2017; 2021 adds DNUCNI and ICOLC.
    public static let knownValues: Set<String> = ["DNUCNI", "ICOLC", "ISIL"]
}

/// The kind of identifier an agency id uses, such as `ISIL`.
public typealias AgencyIDType = OpenCode<AgencyIDTypeList>

/// The ElectronicAddressType list: the kind of an electronic address (`electronicAddressType`).
public enum ElectronicAddressTypeList: OpenCodeList {
    /// The standard's name for the list, `ElectronicAddressType`.
    public static let listName = "ElectronicAddressType"
    /// The same four values in 2017 and 2021.
    public static let knownValues: Set<String> = ["Chat", "Email", "FTP", "Skype"]
}

/// The kind of an electronic address, such as `Email`.
public typealias ElectronicAddressType = OpenCode<ElectronicAddressTypeList>

/// The country of a postal address (`physicalAddress/country`), an ISO 3166-1 alpha-2 code.
public enum CountryList: OpenCodeList {
    /// The name illgate gives the list, `Country`; the standard only points to ISO 3166-1.
    public static let listName = "Country"
    /// All 249 ISO 3166-1 alpha-2 codes.
    public static let knownValues: Set<String> = [
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB",
        "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY",
        "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX",
        "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK",
        "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS",
        "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR",
        "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA",
        "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
        "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE",
        "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
        "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG",
        "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF",
        "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY",
        "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
    ]
}

/// The country of a postal address, an ISO 3166-1 alpha-2 code such as `DK`.
public typealias Country = OpenCode<CountryList>

/// The region of a postal address (`physicalAddress/region`): an ISO 3166-2 subdivision code in the 2017
/// edition, free text in 2021.
public enum RegionList: OpenCodeList {
    /// The name illgate gives the list, `Region`; the standard only points to ISO 3166-2.
    public static let listName = "Region"
    /// Empty: ISO 3166-2 has thousands of subdivision codes that change often, and 2021 allows any text,
    /// so illgate keeps every region as it is and never treats one as a default value.
    public static let knownValues: Set<String> = []
}

/// The region of a postal address, such as the ISO 3166-2 code `US-OH`, or free text in the 2021 edition.
public typealias Region = OpenCode<RegionList>

// MARK: - Bibliographic description

/// The BibliographicItemIdentifierCode list: the kind of identifier in `bibliographicItemId`.
public enum BibliographicItemIdentifierCodeList: OpenCodeList {
    /// The standard's name for the list, `BibliographicItemIdentifierCode`.
    public static let listName = "BibliographicItemIdentifierCode"
    /// ISBN, ISSN and ISMN in 2017; 2021 adds DOI, Handle, ILII, NBN and URN.
    public static let knownValues: Set<String> = ["DOI", "Handle", "ILII", "ISBN", "ISMN", "ISSN", "NBN", "URN"]
}

/// The kind of identifier of a bibliographic item, such as `ISBN`.
public typealias BibliographicItemIdentifierCode = OpenCode<BibliographicItemIdentifierCodeList>

/// The BibliographicRecordIdentifierCode list: the catalogue or database a `bibliographicRecordId` comes from.
public enum BibliographicRecordIdentifierCodeList: OpenCodeList {
    /// The standard's name for the list, `BibliographicRecordIdentifierCode`.
    public static let listName = "BibliographicRecordIdentifierCode"
    /// The 2017 values; 2021 adds PID.
    public static let knownValues: Set<String> = [
        "AMICUS", "BL", "FAUST", "JNB", "LA", "LCCN", "Medline", "NCID", "OCLC", "PID", "PMID", "TP",
    ]
}

/// The source of a bibliographic record identifier, such as `OCLC`.
public typealias BibliographicRecordIdentifierCode = OpenCode<BibliographicRecordIdentifierCodeList>

/// The PublicationType list: what kind of publication the item is (`publicationInfo/publicationType`).
public enum PublicationTypeList: OpenCodeList {
    /// The standard's name for the list, `PublicationType`.
    public static let listName = "PublicationType"
    /// The same values in 2017 and 2021.
    public static let knownValues: Set<String> = [
        "ArchiveMaterial", "Article", "AudioBook", "Book", "Chapter", "ConferenceProc", "Game", "GovernmentPubl",
        "Image", "Journal", "Manuscript", "Map", "Movie", "MusicRecording", "MusicScore", "Newspaper", "Patent",
        "Report", "SoundRecording", "Thesis",
    ]
}

/// The kind of publication requested, such as `Book` or `Article`.
public typealias PublicationType = OpenCode<PublicationTypeList>

// MARK: - Service

/// The ServiceLevel list: how fast or by which service the item is wanted (`serviceLevel`).
public enum ServiceLevelList: OpenCodeList {
    /// The standard's name for the list, `ServiceLevel`.
    public static let listName = "ServiceLevel"
    /// The same values in 2017 and 2021.
    public static let knownValues: Set<String> = ["Express", "Normal", "Rush", "SecondaryMail", "Standard", "Urgent"]
}

/// The level of service wanted, such as `Normal` or `Rush`.
public typealias ServiceLevel = OpenCode<ServiceLevelList>

/// The ItemFormat list: the format of the item. One list serves the 2017 `preferredFormat` and
/// `deliveredFormat` elements and the 2021 `itemFormat` element that replaced them.
public enum ItemFormatList: OpenCodeList {
    /// The 2021 name for the list, `ItemFormat` (2017: PreferredFormat and DeliveredFormat).
    public static let listName = "ItemFormat"
    /// The 2017 values; 2021 adds EPUB, EPUB2, EPUB3 and UltraHD.
    public static let knownValues: Set<String> = [
        "Blu-ray", "Braille", "CassetteTape", "CD", "CD-ROM", "Daisy-ROM", "DVD", "EPUB", "EPUB2", "EPUB3", "JPEG",
        "LargePrint", "LP", "Microform", "MP3", "Multimedia", "PaperCopy", "PDF", "Printed", "Tape", "TIFF",
        "UltraHD", "VHS",
    ]
}

/// The format of an item, wanted or delivered, such as `PDF` or `Printed`.
public typealias ItemFormat = OpenCode<ItemFormatList>

/// The CopyrightCompliance list: the copyright rule under which a copy is requested (`copyrightCompliance`).
public enum CopyrightComplianceList: OpenCodeList {
    /// The standard's name for the list, `CopyrightCompliance`.
    public static let listName = "CopyrightCompliance"
    /// The 2017 values; 2021 adds the two EU directive values.
    public static let knownValues: Set<String> = [
        "AU-CopyRCatS183ComW", "AU-CopyRCatS183State", "AU-CopyrightActS49", "AU-CopyrightActS50-1",
        "AU-CopyrightActS50-7A", "AU-CopyrightCleared", "AU-GenBus", "EU-DirectiveOrphanWorks",
        "EU-DirectiveRightsDigitalSingleMarket", "NZ-CopyrightActS54", "NZ-CopyrightActS55", "Other",
        "UK-CopyRFeePaid", "UK-FairDealing", "US-CCG", "US-CCL",
    ]
}

/// The copyright rule a copy request complies with, such as `US-CCG`.
public typealias CopyrightCompliance = OpenCode<CopyrightComplianceList>

/// The LoanCondition list: a condition the supplier attaches to a loan (`loanCondition`).
public enum LoanConditionList: OpenCodeList {
    /// The standard's name for the list, `LoanCondition`.
    public static let listName = "LoanCondition"
    /// The same values in 2017 and 2021.
    public static let knownValues: Set<String> = [
        "LibraryUseOnly", "NoReproduction", "SignatureRequired", "SpecCollSupervReq", "WatchLibraryUseOnly",
    ]
}

/// A condition on a loan, such as `LibraryUseOnly`.
public typealias LoanCondition = OpenCode<LoanConditionList>

// MARK: - Supplier answers

/// The ReasonUnfilled list: why the supplier cannot fill a request (`messageInfo/reasonUnfilled`).
public enum ReasonUnfilledList: OpenCodeList {
    /// The standard's name for the list, `ReasonUnfilled`.
    public static let listName = "ReasonUnfilled"
    /// The same values in 2017 and 2021.
    public static let knownValues: Set<String> = [
        "NonCirculating", "NotAvailableForILL", "NotHeld", "NotOnShelf", "PolicyProblem", "PoorCondition",
    ]
}

/// Why a request is unfilled, such as `NotHeld`.
public typealias ReasonUnfilled = OpenCode<ReasonUnfilledList>

/// The ReasonRetry list: why the supplier answers RetryPossible and what a retry should change
/// (`messageInfo/reasonRetry`).
public enum ReasonRetryList: OpenCodeList {
    /// The standard's name for the list, `ReasonRetry`.
    public static let listName = "ReasonRetry"
    /// The 2017 and 2021 values together: 2021 drops LoanPossible and adds the values that go with the
    /// children of `retryInfo`.
    public static let knownValues: Set<String> = [
        "AtBindery", "CostExceedsMaxCost", "CourierNotSupp", "LoanPossible", "MultiVolAvail", "MustMeetLoanCondition",
        "NotCurrentAvailableForILL", "NotFoundAsCited", "OnLoan", "OnOrder", "ReqDelDateNotPossible",
        "ReqDelMethodNotSupp", "ReqEditionNotPossible", "ReqFormatNotPossible", "ReqPayMethodNotSupported",
        "ReqServLevelNotSupp", "ReqServTypeNotPossible",
    ]
}

/// Why a retry is possible, such as `OnLoan`.
public typealias ReasonRetry = OpenCode<ReasonRetryList>

// MARK: - Delivery

/// The DeliveryMethod list: how an item is or should be sent. One list serves the 2017 `sentVia` element
/// (SentVia list) and the 2021 `deliveryMethod` element that replaced it.
public enum DeliveryMethodList: OpenCodeList {
    /// The 2021 name for the list, `DeliveryMethod` (2017: SentVia).
    public static let listName = "DeliveryMethod"
    /// The 2017 and 2021 values together: 2021 drops Ariel and adds Courier.
    public static let knownValues: Set<String> = [
        "ArticleExchange", "Ariel", "Courier", "Email", "FTP", "Mail", "Odyssey", "URL",
    ]
}

/// How an item is sent, such as `Mail` or `Email`.
public typealias DeliveryMethod = OpenCode<DeliveryMethodList>

/// The CourierName list (2021): the courier carrying a shipment (`courierName`).
public enum CourierNameList: OpenCodeList {
    /// The standard's name for the list, `CourierName`.
    public static let listName = "CourierName"
    /// The 2021 values, spelled as the standard does (`Fedex`).
    public static let knownValues: Set<String> = ["DB Schenker", "DHL", "Fedex", "PostNord AB", "UPS"]
}

/// The name of a courier, such as `DHL`.
public typealias CourierName = OpenCode<CourierNameList>

// MARK: - Patrons

/// The PatronType list: the kind of patron a request is for (`patronInfo/patronType`).
public enum PatronTypeList: OpenCodeList {
    /// The standard's name for the list, `PatronType`.
    public static let listName = "PatronType"
    /// The 2017 values; 2021 adds DoctoralStudent, PostdoctoralResearcher and PostgraduateStudent.
    public static let knownValues: Set<String> = [
        "Adult", "Child", "DoctoralStudent", "Faculty", "GraduateStudent", "PostdoctoralResearcher",
        "PostgraduateStudent", "Researcher", "Staff", "Student", "UnderGraduateStudent",
    ]
}

/// The kind of patron, such as `Student`.
public typealias PatronType = OpenCode<PatronTypeList>

// MARK: - Billing and costs

/// The BillingMethod list: how the supplier is to bill the requester (`billingInfo/billingMethod`).
public enum BillingMethodList: OpenCodeList {
    /// The standard's name for the list, `BillingMethod`.
    public static let listName = "BillingMethod"
    /// The same values in 2017 and 2021.
    public static let knownValues: Set<String> = [
        "Account", "FreeOfCharge", "Invoice", "Other", "ReciprocityAgreement",
    ]
}

/// How the requester is billed, such as `Invoice`.
public typealias BillingMethod = OpenCode<BillingMethodList>

/// The PaymentMethod list: how the requester pays (`paymentMethod`).
public enum PaymentMethodList: OpenCodeList {
    /// The standard's name for the list, `PaymentMethod`.
    public static let listName = "PaymentMethod"
    /// The same values in 2017 and 2021.
    public static let knownValues: Set<String> = [
        "BankTransfer", "CreditCard", "DebitCard", "EFTS", "IBS", "IFLAVoucher", "IFM", "IIBS", "LAPS", "Paypal",
    ]
}

/// How the requester pays, such as `IFLAVoucher`.
public typealias PaymentMethod = OpenCode<PaymentMethodList>

/// The CostType list (2021): what a cost is for. The 2021 text defines it, but the 2021-2 schema has no
/// element that carries it.
public enum CostTypeList: OpenCodeList {
    /// The standard's name for the list, `CostType`.
    public static let listName = "CostType"
    /// The 2021 values.
    public static let knownValues: Set<String> = [
        "Insurance", "InsuranceCoverage", "Packaging", "Service", "Shipping", "Tax",
    ]
}

/// What a cost is for, such as `Shipping`.
public typealias CostType = OpenCode<CostTypeList>

/// The currency of an amount (`costs/currencyCode`), an ISO 4217 alphabetic code.
public enum CurrencyCodeList: OpenCodeList {
    /// The name illgate gives the list, `CurrencyCode`; the standard only points to ISO 4217.
    public static let listName = "CurrencyCode"
    /// The ISO 4217 alphabetic codes, including fund, precious-metal and test codes, and some codes withdrawn
    /// in recent years that peers may still send (such as HRK).
    public static let knownValues: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
        "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF",
        "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB",
        "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF",
        "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD",
        "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU",
        "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
        "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
        "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
        "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST",
        "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS",
        "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
    ]
}

/// The currency of an amount, an ISO 4217 code such as `EUR`.
public typealias CurrencyCode = OpenCode<CurrencyCodeList>
