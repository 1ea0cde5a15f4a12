/**
 * The words just before a number say what it is. "Order #", "IBAN", "Kundennummer", "N° de
 * commande" label identifiers that look like phone numbers; "Tel", "Mobil", "☎" label phone
 * numbers. Patterns are compiled once; each call tests a tail of at most `TAIL_LENGTH` chars.
 */
export type LabelVerdict = 'positive' | 'negative' | 'neutral';

/** How much text before a number can hold its label. */
export const TAIL_LENGTH = 64;

// Regex fragments, matched on the lower-cased text after a non-letter. A label here marks the number
// after it as not a phone number when nothing but punctuation, a "number" word or "is" separates
// them ("Order no. 123…", "IBAN: DE89…", "Invoice 2026-004417", "Your order number is 12…").
const NEGATIVE_WORDS = [
  // orders, invoices, receipts
  'orders?', 'ordernr', 'bestellung', 'bestell', 'auftrags?', 'commande', 'pedido', 'ordine', 'ordem',
  'encomenda', 'bestelling', 'zamówieni[ae]', 'заказ[а-я]*', 'beställning', 'ordre', 'objednávk[ay]',
  'sipariş', 'παραγγελία[ςσ]?', 'narudžb[ae]', 'rendelés', 'invoice', 'inv', 'rechnung', 'rechnungs', 'rg', 'facture', 'factura', 'fattura', 'fatura',
  'factuur', 'faktur[ay]?', 'τιμολογ[ίι]ου', 'τιμολόγιο', 'račun', 'számla', 'сч[её]т[а-я]*', 'bill', 'receipt', 'quittung', 'beleg', 'reçu', 'recibo',
  'ricevuta', 'kvitto', 'verwendungszweck', 'zahlungsreferenz', 'mandatsreferenz', 'gläubiger-id',
  // tickets, cases, bookings, references, transactions
  'ticket', 'case', 'incident', 'request', 'req', 'reference', 'ref', 'réf', 'référence', 'referencia',
  'referência', 'riferimento', 'referenz', 'referentie', 'aktenzeichen', 'az', 'vorgang', 'dossier',
  'expediente', 'pratica', 'protocolo', 'protocollo', 'sprawy?', 'zgłoszeni[ae]', 'заявк[аи]',
  'обращени[ея]', 'confirmation', 'booking', 'buchung', 'buchungs', 'réservation', 'reserva',
  'reservierung', 'prenotazione', 'boeking', 'rezerwacj[ai]', 'бронь', 'бронировани[ея]', 'pnr',
  'transaction', 'txn', 'transaktion', 'transacción', 'transação', 'transazione', 'payment', 'zahlung',
  'paiement', 'pago', 'pagamento', 'betaling', 'płatnoś[ćci]', 'плат[её]ж[а]?',
  // customers, accounts, members, employees, policies, contracts
  'customer', 'kunden', 'client', 'cliente', 'klant', 'klient(?:a|u|em)?', 'kund', 'клиент[а]?', 'account', 'acct',
  'a/c', 'konto', 'compte', 'cuenta', 'conto', 'conta', 'rekening', 'rachunk[au]', 'rachunek', 'member',
  'membership', 'mitglied', 'mitglieds', 'membre', 'adhérent', 'socio', 'lid', 'lidmaatschap',
  'członk[a]?', 'loyalty', 'employee', 'emp', 'staff', 'mitarbeiter', 'personal', 'personnel', 'salarié',
  'matricule', 'empleado', 'dipendente', 'medewerker', 'pracownik', 'сотрудник[а]?', 'user', 'benutzer',
  'utilisateur', 'usuario', 'utente', 'student', 'matrikel', 'patient', 'patienten', 'versicherten',
  'versicherungs', 'policy', 'police', 'póliza', 'polizza', 'polis', 'polisa', 'полис[а]?', 'claim',
  'schaden', 'sinistre', 'siniestro', 'contract', 'vertrag', 'vertrags', 'contrat', 'contrato',
  'contratto', 'umow[ay]', 'договор[а]?',
  // shipping
  'tracking', 'track', 'trace', 'shipment', 'sendung', 'sendungs', 'paket', 'colis', 'suivi', 'envío',
  'envio', 'seguimiento', 'spedizione', 'tracciamento', 'rastreamento', 'rastreio', 'objeto', 'zending',
  'przesyłk[ai]', 'посылк[аи]', 'отслеживани[яе]', 'трек', 'waybill', 'awb', 'consignment', 'parcel',
  'delivery', 'lieferschein', 'livraison', 'albarán',
  // products and devices
  'serial', 's/n', 'sn', 'serien', 'série', 'serie', 'seryjny', 'серийный', 'sku', 'item', 'art\\.?-?nr',
  'artikel', 'article', 'artículo', 'articolo', 'part', 'teil', 'pièce', 'model', 'modell', 'modèle',
  'modelo', 'modello', 'product', 'produkt', 'produit', 'producto', 'prodotto', 'ean', 'upc', 'gtin',
  'isbn', 'isbn-1[03]', 'issn', 'doi', 'asin', 'imei', 'meid', 'iccid', 'vin', 'licen[cs]e', 'lizenz',
  'patent', 'id', 'ident', 'identifier', 'kennung',
  // banking and payment cards
  'iban', 'bic', 'swift', 'routing', 'aba', 'rtn', 'transit', 'sort ?code', 'bsb', 'blz',
  'bankleitzahl', 'clabe', 'agência', 'agencia', 'ifsc', 'micr', 'card', 'karte', 'carte', 'tarjeta',
  'carta', 'cartão', 'kaart', 'karta', 'карт[аы]', 'credit', 'kredit', 'visa', 'mastercard', 'amex',
  'maestro', 'pin', 'cvv', 'cvc', 'otp', 'passcode', 'password', 'kennwort', 'voucher', 'gutschein',
  'coupon', 'promo', '(?:promo|voucher|discount|access|confirmation|verification|security|activation|gift) ?code',
  // tax and company identifiers
  'vat', 'vat reg', 'tax', 'tin', 'ein', 'itin', 'ssn', 'nino', 'utr', 'company', 'registration', 'reg',
  'registered', 'handelsregister', 'hrb', 'hra', 'amtsgericht', 'ust', 'ust-?id', 'ust-?idnr',
  'umsatzsteuer', 'steuer', 'steuernummer', 'steuer-?id', 'st\\.?-?nr', 'idnr', 'w-?idnr', 'finanzamt',
  'siren', 'siret', 'rcs', 'tva', 'naf', 'ape', 'nif', 'nie', 'cif', 'nss', 'iva', 'p\\. ?iva',
  'partita iva', 'codice fiscale', 'c\\.f', 'rea', 'kvk', 'btw', 'rsin', 'bsn', 'kbo', 'ondernemingsnummer',
  'uid', 'mwst', 'firmenbuch', 'gst', 'gstin', 'cin', 'aadhaar', 'abn', 'acn', 'arbn', 'nzbn', 'ird',
  'cnpj', 'cpf', 'inscrição', 'rfc', 'curp', 'ruc', 'rut', 'cuit', 'cuil', 'dni', 'nip', 'regon', 'krs',
  'pesel', 'инн', 'огрн', 'огрнип', 'кпп', 'окпо', 'бик', 'р/с', 'к/с', 'снилс', 'organisationsnummer',
  'org\\.? ?nr', 'orgnr', 'personnummer', 'momsnr', 'trn',
  // identity documents
  'passport', 'reisepass', 'passeport', 'pasaporte', 'passaporto', 'paszport', 'паспорт[а]?', 'ausweis',
  'personalausweis', 'führerschein', 'permis', 'cédula',
  // quantities: pages, people, money
  'pages?', 'pp', 'seiten?', 'página', 'pagina', 'strona', 'стр', 'population', 'einwohner', 'habitants',
  'inhabitants', 'habitantes', 'abitanti', 'price', 'preis', 'prix', 'precio', 'prezzo', 'preço', 'prijs',
  'cena', 'цена', 'total', 'sum', 'summe', 'betrag', 'amount', 'montant', 'importe', 'importo', 'valor',
  'kwota', 'сумма', 'balance', 'saldo', 'solde', 'salary', 'gehalt', 'salaire', 'salario', 'revenue',
  'umsatz', 'budget', 'gebühr',
  // software versions
  'build', 'version', 'ver', 'v', 'release', 'rev', 'revision', 'commit', 'patch',
  // postal codes, post boxes and places
  'postfach', 'p\\.? ?o\\.? box', 'box', 'boîte postale', 'b\\.?p', 'apartado', 'casella postale', 'skrytka',
  'zip', 'zip ?code', 'postal code', 'post ?code', 'plz', 'postleitzahl', 'code postal', 'código postal',
  'kod pocztowy', 'почтовый индекс', 'индекс', 'pin ?code', 'lat', 'lng', 'lon', 'latitude', 'longitude',
  'coordinates', 'koordinaten', 'gps',
  // publications
  'chapter', 'vol', 'volume', 'issue', 'heft', 'jahrgang',
];

// Scripts without spaces between words: matched anywhere, not only after a non-letter.
const NEGATIVE_CJK = [
  '注文番号', '注文', '受付番号', 'お問い合わせ番号', '問い合わせ番号', '会員番号', 'お客様番号', '顧客番号',
  '伝票番号', '追跡番号', '請求書番号', '請求番号', '製造番号', 'シリアル番号', '型番', '品番', '法人番号',
  '登録番号', '口座番号', '郵便番号', '〒', '订单号', '订单编号', '订单', '訂單編號', '訂單', '发票号', '发票',
  '客户编号', '客户号', '会员号', '运单号', '快递单号', '物流单号', '身份证号', '身份证', '统一社会信用代码',
  '税号', '纳税人识别号', '营业执照', '邮编', '邮政编码', '账号', '帐号', '银行账户', '卡号', '序列号',
  '型号', '주문번호', '송장번호', '고객번호', '사업자등록번호', 'رقم الطلب', 'رقم الفاتورة', 'فاتورة',
  'رقم الحساب', 'رقم العميل', 'رقم التتبع', 'الرقم الضريبي', 'رقم السجل التجاري', 'السجل التجاري',
  'الرمز البريدي',
];

/** Words for "number" that may follow a label: "Order no.", "Kunden-Nr.", "Invoice #". */
const NUMBER_WORDS =
  'no|nr|nro|n|nº|n°|n\\.º|núm|num|nbr|number|nummer|numéro|número|numero|numer|номер|číslo|č|broj|br|szám|sz|numara|αρ|αριθμός|№|#|id|code|ref';

/** "is", a colon or sign, then maybe a country prefix as in "VAT No. GB 123 4567 89". */
const FILLER = '(?:\\s*(?:is|ist|lautet|est|es|è|é|är|er|jest|:))?[\\s:#.\\-=/№°º()]*';

const NEGATIVE = new RegExp(
  `(?:(?:^|[^\\p{L}\\p{N}])(?:${NEGATIVE_WORDS.join('|')})|${NEGATIVE_CJK.join('|')})` +
    `\\.?(?:[\\s.\\-]*(?:${NUMBER_WORDS})\\.?)?${FILLER}$`,
  'u',
);

/**
 * A "number" abbreviation with no phone word before it ("No. 12345678", "#1234567890",
 * "Best.-Nr.", "Vorgangsnummer", "Kassenzeichen") labels some other identifier. The bare word
 * "number" does not: "Our number: 020 7946 0958".
 */
const GENERIC_NUMBER = new RegExp(
  `(?:(?:^|[^\\p{L}\\p{N}])(?:no|nr|nº|n°|n\\.º|núm|nbr|č|br|αρ|№|#|id|ref)|\\p{L}{3,}(?:nummer|nr|zeichen)|\\p{L}+-nr|` +
    `番号|号码|號碼|编号|編號|번호|رقم)\\.?${FILLER}$`,
  'u',
);

// Phone words: a stem that may run on into a compound ("Telefonnummer", "Mobilnr."), or a short
// word that must end there ("Tel.", "Ph:", "Ring").
const POSITIVE_STEMS = [
  'tele?fon', 'telephon', 'téléphon', 'teléfon', 'telefoon', 'phone', 'mobil', 'móvil', 'movil',
  'cellular', 'cellphone', 'cellulare', 'celular', 'handy', 'portable', 'telefax', 'fax', 'hotline',
  'helpline', 'callcenter', 'call center', 'rufnummer', 'durchwahl', 'vorwahl', 'zentrale',
  'switchboard', 'reception', 'empfang', 'réception', 'freephone', 'freecall', 'numéro vert',
  'numero verde', 'número gratuito', 'toll-? ?free', 'kostenlos', 'kostenfrei', 'gebührenfrei',
  'gratis', 'sans frais', 'sin costo', 'free ?call', 'free ?phone', 'servicenummer', 'infonummer',
  'notruf', 'support', 'whatsapp', 'телефон', 'тел', 'моб', 'факс', 'позвоните', 'звоните', 'τηλ',
  'κινητό', 'telefonu', 'kundenservice', 'kundendienst', 'customer service', 'customer care',
  'service client', 'servicio al cliente', 'atención al cliente', 'assistenza clienti', 'atendimento',
  'klantenservice', 'obsługa klienta', 'contact', 'kontakt', 'contacto', 'contatto', 'contato',
  'llámenos', 'appelez', 'chiamaci', 'zadzwoń', 'dzwoń',
];
const POSITIVE_WORDS = [
  'tel', 'tél', 'ph', 'fon', 'fone', 'mob', 'cell', 'cel', 'gsm', 'port', 'tlf', 'tlfn', 'tfn', 'puh',
  'sms', 'dw', 'call', 'ring', 'rufen', 'anrufen', 'ruf', 'appeler', 'llame', 'llamar', 'ligue', 'ligar',
  'chiama', 'chiamare', 'bel', 'bellen', 'gratuit', 'gratuito', 'cep',
];
const POSITIVE_CJK = [
  '電話', '携帯', 'ファックス', 'ファクス', '电话', '手机', '客服', '热线', '傳真', '传真', 'هاتف', 'جوال',
  'موبايل', 'فاكس', 'اتصل', '전화', '연락처', '휴대폰', '팩스', '☎', '☏', '📞', '📱', '✆', '📠',
];
const POSITIVE = new RegExp(
  `(?:^|[^\\p{L}])(?:(?:${POSITIVE_STEMS.join('|')})|(?:${POSITIVE_WORDS.join('|')})(?![\\p{L}]))|` +
    `${POSITIVE_CJK.join('|')}|(?:^|[\\s|,;(/])[tmfph] ?[:.]\\s*$`,
  'gu',
);

/** A trailing country prefix ("GB ", "DE-") that a tax or bank label may have before digits. */
const COUNTRY_PREFIX = /(?<![\p{L}])\p{Lu}{2}[ -]?$/u;

/**
 * What the words just before a number say it is. `tail` is the text before the number, cut
 * after the previous digit and to at most `TAIL_LENGTH` characters.
 */
export function labelBefore(tail: string): LabelVerdict {
  // The word patterns are lower case and compiled without the `i` flag: case-insensitive
  // Unicode matching made the largest one cost over 20 ms to compile, on every page.
  const lower = tail.toLowerCase();
  let positiveAt = -1;
  POSITIVE.lastIndex = 0;
  for (let m = POSITIVE.exec(lower); m; m = POSITIVE.exec(lower)) {
    positiveAt = m.index;
    if (m[0].length === 0) POSITIVE.lastIndex++;
  }
  const stripped = tail.replace(COUNTRY_PREFIX, '');
  const negative = NEGATIVE.exec(lower) ?? (stripped !== tail ? NEGATIVE.exec(stripped.toLowerCase()) : null);
  if (negative && negative.index >= positiveAt) return 'negative';
  if (positiveAt >= 0) return 'positive';
  if (GENERIC_NUMBER.test(lower)) return 'negative';
  return 'neutral';
}

/** The label patterns, for warm-up.ts to compile one at a time ahead of the first detection. */
export const LABEL_PATTERNS: readonly RegExp[] = [NEGATIVE, GENERIC_NUMBER, POSITIVE, COUNTRY_PREFIX];
