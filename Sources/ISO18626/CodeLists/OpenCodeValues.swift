// Named constants for the default values of the open code lists in OpenCodeLists.swift, so code can write
// `.notHeld` where a `ReasonUnfilled` is expected. "2021:" marks a value the 2021 edition added, "2017 only:"
// one it dropped. Country and CurrencyCode get constants for a few common codes only.

// MARK: - AgencyIDType

extension OpenCode where List == AgencyIDTypeList {
    /// 2021: an identifier from the DNUCNI agency code scheme.
    public static var dnucni: Self { "DNUCNI" }

    /// 2021: an identifier of the International Coalition of Library Consortia (ICOLC) scheme.
    public static var icolc: Self { "ICOLC" }

    /// An International Standard Identifier for Libraries (ISO 15511).
    public static var isil: Self { "ISIL" }
}

// MARK: - BibliographicItemIdentifierCode

extension OpenCode where List == BibliographicItemIdentifierCodeList {
    /// 2021: a Digital Object Identifier.
    public static var doi: Self { "DOI" }

    /// 2021: a Handle System identifier.
    public static var handle: Self { "Handle" }

    /// An International Standard Book Number.
    public static var isbn: Self { "ISBN" }

    /// 2021: an International Library Item Identifier.
    public static var ilii: Self { "ILII" }

    /// An International Standard Serial Number.
    public static var issn: Self { "ISSN" }

    /// An International Standard Music Number.
    public static var ismn: Self { "ISMN" }

    /// 2021: a National Bibliography Number.
    public static var nbn: Self { "NBN" }

    /// 2021: a Uniform Resource Name.
    public static var urn: Self { "URN" }
}

// MARK: - BibliographicRecordIdentifierCode

extension OpenCode where List == BibliographicRecordIdentifierCodeList {
    /// A record number in AMICUS, the Canadian national catalogue.
    public static var amicus: Self { "AMICUS" }

    /// A British Library record number.
    public static var bl: Self { "BL" }

    /// A FAUST number from the Danish national bibliographic database.
    public static var faust: Self { "FAUST" }

    /// A Japanese National Bibliography number.
    public static var jnb: Self { "JNB" }

    /// A record number in Libraries Australia, the Australian national catalogue.
    public static var la: Self { "LA" }

    /// A Library of Congress Control Number.
    public static var lccn: Self { "LCCN" }

    /// A MEDLINE record number.
    public static var medline: Self { "Medline" }

    /// A record id from NACSIS-CAT, the Japanese union catalogue.
    public static var ncid: Self { "NCID" }

    /// An OCLC (WorldCat) record number.
    public static var oclc: Self { "OCLC" }

    /// 2021: a persistent identifier.
    public static var pid: Self { "PID" }

    /// A PubMed identifier.
    public static var pmid: Self { "PMID" }

    /// A record number in Te Puna, the New Zealand national catalogue.
    public static var tp: Self { "TP" }
}

// MARK: - BillingMethod

extension OpenCode where List == BillingMethodList {
    /// Charge the requester's account with the supplier.
    public static var account: Self { "Account" }

    /// No charge is made.
    public static var freeOfCharge: Self { "FreeOfCharge" }

    /// Send the requester an invoice.
    public static var invoice: Self { "Invoice" }

    /// Some other arrangement.
    public static var other: Self { "Other" }

    /// Settled under a reciprocal agreement between the libraries.
    public static var reciprocityAgreement: Self { "ReciprocityAgreement" }
}

// MARK: - CopyrightCompliance

extension OpenCode where List == CopyrightComplianceList {
    /// Australia: Copyright Act s183, for the Commonwealth.
    public static var auCopyRCatS183ComW: Self { "AU-CopyRCatS183ComW" }

    /// Australia: Copyright Act s183, for a state.
    public static var auCopyRCatS183State: Self { "AU-CopyRCatS183State" }

    /// Australia: Copyright Act s49 (copies for users).
    public static var auCopyrightActS49: Self { "AU-CopyrightActS49" }

    /// Australia: Copyright Act s50(1) (copies for other libraries).
    public static var auCopyrightActS50_1: Self { "AU-CopyrightActS50-1" }

    /// Australia: Copyright Act s50(7A).
    public static var auCopyrightActS50_7A: Self { "AU-CopyrightActS50-7A" }

    /// Australia: copyright has been cleared with the owner.
    public static var auCopyrightCleared: Self { "AU-CopyrightCleared" }

    /// Australia: the general business (GenBus) category.
    public static var auGenBus: Self { "AU-GenBus" }

    /// 2021: EU: the orphan works directive.
    public static var euDirectiveOrphanWorks: Self { "EU-DirectiveOrphanWorks" }

    /// 2021: EU: the directive on copyright in the digital single market.
    public static var euDirectiveRightsDigitalSingleMarket: Self { "EU-DirectiveRightsDigitalSingleMarket" }

    /// New Zealand: Copyright Act s54.
    public static var nzCopyrightActS54: Self { "NZ-CopyrightActS54" }

    /// New Zealand: Copyright Act s55.
    public static var nzCopyrightActS55: Self { "NZ-CopyrightActS55" }

    /// Some other copyright basis.
    public static var other: Self { "Other" }

    /// United Kingdom: a copyright fee has been paid.
    public static var ukCopyRFeePaid: Self { "UK-CopyRFeePaid" }

    /// United Kingdom: fair dealing.
    public static var ukFairDealing: Self { "UK-FairDealing" }

    /// United States: complies with the CONTU guidelines.
    public static var usCCG: Self { "US-CCG" }

    /// United States: complies with copyright law (17 U.S.C. 108).
    public static var usCCL: Self { "US-CCL" }
}

// MARK: - CostType

extension OpenCode where List == CostTypeList {
    /// The cost of insuring the shipment.
    public static var insurance: Self { "Insurance" }

    /// The amount the insurance covers.
    public static var insuranceCoverage: Self { "InsuranceCoverage" }

    /// The cost of packing the item.
    public static var packaging: Self { "Packaging" }

    /// The supplier's charge for the service.
    public static var service: Self { "Service" }

    /// The cost of sending the item.
    public static var shipping: Self { "Shipping" }

    /// Tax on the charges.
    public static var tax: Self { "Tax" }
}

// MARK: - CourierName

extension OpenCode where List == CourierNameList {
    /// The courier DB Schenker.
    public static var dbSchenker: Self { "DB Schenker" }

    /// The courier DHL.
    public static var dhl: Self { "DHL" }

    /// The courier FedEx, spelled `Fedex` as the standard's list does.
    public static var fedex: Self { "Fedex" }

    /// The Nordic postal and courier company PostNord.
    public static var postNordAB: Self { "PostNord AB" }

    /// The courier UPS.
    public static var ups: Self { "UPS" }
}

// MARK: - DeliveryMethod

extension OpenCode where List == DeliveryMethodList {
    /// OCLC's Article Exchange document delivery.
    public static var articleExchange: Self { "ArticleExchange" }

    /// 2017 only: the Ariel document transmission software.
    public static var ariel: Self { "Ariel" }

    /// 2021: a courier service (see `courierName`).
    public static var courier: Self { "Courier" }

    /// As an e-mail attachment.
    public static var email: Self { "Email" }

    /// Over FTP.
    public static var ftp: Self { "FTP" }

    /// By post.
    public static var mail: Self { "Mail" }

    /// The Odyssey document delivery software.
    public static var odyssey: Self { "Odyssey" }

    /// As a link to download from.
    public static var url: Self { "URL" }
}

// MARK: - ElectronicAddressType

extension OpenCode where List == ElectronicAddressTypeList {
    /// A chat handle.
    public static var chat: Self { "Chat" }

    /// An e-mail address.
    public static var email: Self { "Email" }

    /// An FTP address.
    public static var ftp: Self { "FTP" }

    /// A Skype name.
    public static var skype: Self { "Skype" }
}

// MARK: - ItemFormat

extension OpenCode where List == ItemFormatList {
    /// A Blu-ray disc.
    public static var bluRay: Self { "Blu-ray" }

    /// Braille.
    public static var braille: Self { "Braille" }

    /// An audio cassette.
    public static var cassetteTape: Self { "CassetteTape" }

    /// An audio CD.
    public static var cd: Self { "CD" }

    /// A CD-ROM.
    public static var cdROM: Self { "CD-ROM" }

    /// A DAISY talking book on disc.
    public static var daisyROM: Self { "Daisy-ROM" }

    /// A DVD.
    public static var dvd: Self { "DVD" }

    /// 2021: an EPUB e-book.
    public static var epub: Self { "EPUB" }

    /// 2021: an EPUB 2 e-book.
    public static var epub2: Self { "EPUB2" }

    /// 2021: an EPUB 3 e-book.
    public static var epub3: Self { "EPUB3" }

    /// A JPEG image.
    public static var jpeg: Self { "JPEG" }

    /// A large-print edition.
    public static var largePrint: Self { "LargePrint" }

    /// A vinyl long-playing record.
    public static var lp: Self { "LP" }

    /// Microfilm or microfiche.
    public static var microform: Self { "Microform" }

    /// An MP3 audio file.
    public static var mp3: Self { "MP3" }

    /// A multimedia package.
    public static var multimedia: Self { "Multimedia" }

    /// A photocopy on paper.
    public static var paperCopy: Self { "PaperCopy" }

    /// A PDF file.
    public static var pdf: Self { "PDF" }

    /// A printed item.
    public static var printed: Self { "Printed" }

    /// A tape.
    public static var tape: Self { "Tape" }

    /// A TIFF image.
    public static var tiff: Self { "TIFF" }

    /// 2021: an Ultra HD (4K) video disc.
    public static var ultraHD: Self { "UltraHD" }

    /// A VHS video cassette.
    public static var vhs: Self { "VHS" }
}

// MARK: - LoanCondition

extension OpenCode where List == LoanConditionList {
    /// The item may be used only in the requesting library.
    public static var libraryUseOnly: Self { "LibraryUseOnly" }

    /// The item may be watched (audiovisual) only in the requesting library.
    public static var watchLibraryUseOnly: Self { "WatchLibraryUseOnly" }

    /// The item must not be copied.
    public static var noReproduction: Self { "NoReproduction" }

    /// The patron must sign for the item.
    public static var signatureRequired: Self { "SignatureRequired" }

    /// The item must be used under special-collections supervision.
    public static var specCollSupervReq: Self { "SpecCollSupervReq" }
}

// MARK: - PatronType

extension OpenCode where List == PatronTypeList {
    /// An adult member of the public.
    public static var adult: Self { "Adult" }

    /// A child.
    public static var child: Self { "Child" }

    /// 2021: a doctoral student.
    public static var doctoralStudent: Self { "DoctoralStudent" }

    /// A member of academic staff.
    public static var faculty: Self { "Faculty" }

    /// A graduate student.
    public static var graduateStudent: Self { "GraduateStudent" }

    /// 2021: a postdoctoral researcher.
    public static var postdoctoralResearcher: Self { "PostdoctoralResearcher" }

    /// 2021: a postgraduate student.
    public static var postgraduateStudent: Self { "PostgraduateStudent" }

    /// A researcher.
    public static var researcher: Self { "Researcher" }

    /// A staff member.
    public static var staff: Self { "Staff" }

    /// A student.
    public static var student: Self { "Student" }

    /// An undergraduate student.
    public static var underGraduateStudent: Self { "UnderGraduateStudent" }
}

// MARK: - PaymentMethod

extension OpenCode where List == PaymentMethodList {
    /// A bank transfer.
    public static var bankTransfer: Self { "BankTransfer" }

    /// A credit card.
    public static var creditCard: Self { "CreditCard" }

    /// A debit card.
    public static var debitCard: Self { "DebitCard" }

    /// EFTS, the US Electronic Fund Transfer System for interlibrary loan.
    public static var efts: Self { "EFTS" }

    /// Payment through the IBS billing service.
    public static var ibs: Self { "IBS" }

    /// Payment through the IIBS billing service.
    public static var iibs: Self { "IIBS" }

    /// IFLA vouchers.
    public static var iflaVoucher: Self { "IFLAVoucher" }

    /// OCLC's ILL Fee Management (IFM).
    public static var ifm: Self { "IFM" }

    /// Payment through the LAPS payment service.
    public static var laps: Self { "LAPS" }

    /// PayPal.
    public static var paypal: Self { "Paypal" }
}

// MARK: - PublicationType

extension OpenCode where List == PublicationTypeList {
    /// Archival material.
    public static var archiveMaterial: Self { "ArchiveMaterial" }

    /// An article.
    public static var article: Self { "Article" }

    /// An audio book.
    public static var audioBook: Self { "AudioBook" }

    /// A book.
    public static var book: Self { "Book" }

    /// A chapter of a book.
    public static var chapter: Self { "Chapter" }

    /// Conference proceedings.
    public static var conferenceProc: Self { "ConferenceProc" }

    /// A game.
    public static var game: Self { "Game" }

    /// A government publication.
    public static var governmentPubl: Self { "GovernmentPubl" }

    /// An image.
    public static var image: Self { "Image" }

    /// A journal.
    public static var journal: Self { "Journal" }

    /// A manuscript.
    public static var manuscript: Self { "Manuscript" }

    /// A map.
    public static var map: Self { "Map" }

    /// A film.
    public static var movie: Self { "Movie" }

    /// A music recording.
    public static var musicRecording: Self { "MusicRecording" }

    /// A music score.
    public static var musicScore: Self { "MusicScore" }

    /// A newspaper.
    public static var newspaper: Self { "Newspaper" }

    /// A patent.
    public static var patent: Self { "Patent" }

    /// A report.
    public static var report: Self { "Report" }

    /// A sound recording other than music.
    public static var soundRecording: Self { "SoundRecording" }

    /// A thesis or dissertation.
    public static var thesis: Self { "Thesis" }
}

// MARK: - ReasonRetry

extension OpenCode where List == ReasonRetryList {
    /// The item is at the bindery; try later.
    public static var atBindery: Self { "AtBindery" }

    /// The cost is above the requester's maximum; see the offered costs.
    public static var costExceedsMaxCost: Self { "CostExceedsMaxCost" }

    /// 2021: the supplier does not use the requested courier.
    public static var courierNotSupp: Self { "CourierNotSupp" }

    /// 2017 only: a copy was asked for, but a loan is possible.
    public static var loanPossible: Self { "LoanPossible" }

    /// 2021: several volumes are available; say which one is wanted.
    public static var multiVolAvail: Self { "MultiVolAvail" }

    /// 2021: the requester must accept the stated loan conditions.
    public static var mustMeetLoanCondition: Self { "MustMeetLoanCondition" }

    /// The item cannot be lent at present.
    public static var notCurrentAvailableForILL: Self { "NotCurrentAvailableForILL" }

    /// The item was not found as described; check the citation.
    public static var notFoundAsCited: Self { "NotFoundAsCited" }

    /// The item is on loan; try later.
    public static var onLoan: Self { "OnLoan" }

    /// The item is on order; try later.
    public static var onOrder: Self { "OnOrder" }

    /// The item cannot be delivered by the date asked for.
    public static var reqDelDateNotPossible: Self { "ReqDelDateNotPossible" }

    /// The supplier does not offer the delivery method asked for.
    public static var reqDelMethodNotSupp: Self { "ReqDelMethodNotSupp" }

    /// 2021: the edition asked for cannot be supplied.
    public static var reqEditionNotPossible: Self { "ReqEditionNotPossible" }

    /// 2021: the format asked for cannot be supplied.
    public static var reqFormatNotPossible: Self { "ReqFormatNotPossible" }

    /// 2021: the supplier does not accept the payment method asked for.
    public static var reqPayMethodNotSupported: Self { "ReqPayMethodNotSupported" }

    /// 2021: the supplier does not offer the service level asked for.
    public static var reqServLevelNotSupp: Self { "ReqServLevelNotSupp" }

    /// 2021: the service type asked for cannot be supplied.
    public static var reqServTypeNotPossible: Self { "ReqServTypeNotPossible" }
}

// MARK: - ReasonUnfilled

extension OpenCode where List == ReasonUnfilledList {
    /// The item is not lent out.
    public static var nonCirculating: Self { "NonCirculating" }

    /// The item is not available for interlibrary loan.
    public static var notAvailableForILL: Self { "NotAvailableForILL" }

    /// The supplier does not hold the item.
    public static var notHeld: Self { "NotHeld" }

    /// The item cannot be found on the shelf.
    public static var notOnShelf: Self { "NotOnShelf" }

    /// The supplier's policy does not allow the request.
    public static var policyProblem: Self { "PolicyProblem" }

    /// The item is in too poor a condition to send.
    public static var poorCondition: Self { "PoorCondition" }
}

// MARK: - ServiceLevel

extension OpenCode where List == ServiceLevelList {
    /// Express service.
    public static var express: Self { "Express" }

    /// Normal service.
    public static var normal: Self { "Normal" }

    /// Rush service.
    public static var rush: Self { "Rush" }

    /// Secondary (slower, cheaper) mail.
    public static var secondaryMail: Self { "SecondaryMail" }

    /// Standard service.
    public static var standard: Self { "Standard" }

    /// Urgent service.
    public static var urgent: Self { "Urgent" }
}

// MARK: - CurrencyCode

extension OpenCode where List == CurrencyCodeList {
    /// US dollar.
    public static var usd: Self { "USD" }

    /// Euro.
    public static var eur: Self { "EUR" }

    /// Pound sterling.
    public static var gbp: Self { "GBP" }

    /// Canadian dollar.
    public static var cad: Self { "CAD" }

    /// Australian dollar.
    public static var aud: Self { "AUD" }

    /// New Zealand dollar.
    public static var nzd: Self { "NZD" }

    /// Danish krone.
    public static var dkk: Self { "DKK" }

    /// Swedish krona.
    public static var sek: Self { "SEK" }

    /// Norwegian krone.
    public static var nok: Self { "NOK" }
}

// MARK: - Country

extension OpenCode where List == CountryList {
    /// United States.
    public static var us: Self { "US" }

    /// United Kingdom.
    public static var gb: Self { "GB" }

    /// Canada.
    public static var ca: Self { "CA" }

    /// Australia.
    public static var au: Self { "AU" }

    /// New Zealand.
    public static var nz: Self { "NZ" }

    /// Denmark.
    public static var dk: Self { "DK" }

    /// Sweden.
    public static var se: Self { "SE" }

    /// Norway.
    public static var no: Self { "NO" }

    /// Germany.
    public static var de: Self { "DE" }
}
