import { codePointEnd, isAsciiLetter, isAsciiLetterOrDigit, isInsidePair, isSpace } from './code-units';
import { WordSet } from './word-set';
import { isLetter, isLetterOrDigit, LETTER, LETTER_OR_DIGIT } from './letters';

/**
 * The words just before a number say what it is. "Order #", "IBAN", "Kundennummer", "N° de
 * commande" label identifiers that look like phone numbers; "Tel", "Mobil", "☎" label phone
 * numbers. Patterns are compiled once; each call tests a tail of at most `TAIL_LENGTH` chars.
 */
export type LabelVerdict = 'positive' | 'negative' | 'neutral';

/** How much text before a number can hold its label. */
export const TAIL_LENGTH = 64;

// Words, matched on the lower-cased text at its start or after a non-letter, non-digit. A label here
// marks the number after it as not a phone number when nothing but punctuation, a "number" word or
// "is" separates them ("Order no. 123…", "IBAN: DE89…", "Invoice 2026-004417", "Your order number
// is 12…"). Each word is spelled out, every form: they are looked up, not compiled (word-set.ts).
export const NEGATIVE_WORDS = [
  // orders, invoices, receipts
  'orders', 'order', 'ordernr', 'bestellung', 'bestell', 'auftrags', 'auftrag', 'commande', 'pedido', 'ordine', 'ordem',
  'encomenda', 'bestelling', 'zamówienia', 'zamówienie', 'beställning', 'ordre', 'objednávka', 'objednávky',
  'sipariş', 'παραγγελίας', 'παραγγελίασ', 'παραγγελία', 'narudžba', 'narudžbe', 'rendelés', 'invoice', 'inv', 'rechnung', 'rechnungs', 'rg', 'facture', 'factura', 'fattura', 'fatura',
  'factuur', 'faktura', 'faktury', 'faktur', 'τιμολογίου', 'τιμολογιου', 'τιμολόγιο', 'račun', 'számla', 'bill', 'receipt', 'quittung', 'beleg', 'reçu', 'recibo',
  'ricevuta', 'kvitto', 'verwendungszweck', 'zahlungsreferenz', 'mandatsreferenz', 'gläubiger-id',
  // tickets, cases, bookings, references, transactions
  'ticket', 'case', 'incident', 'request', 'req', 'reference', 'ref', 'réf', 'référence', 'referencia',
  'referência', 'riferimento', 'referenz', 'referentie', 'aktenzeichen', 'az', 'vorgang', 'dossier',
  'expediente', 'pratica', 'protocolo', 'protocollo', 'sprawy', 'spraw', 'zgłoszenia', 'zgłoszenie', 'заявка', 'заявки',
  'обращение', 'обращения', 'confirmation', 'booking', 'buchung', 'buchungs', 'réservation', 'reserva',
  'reservierung', 'prenotazione', 'boeking', 'rezerwacja', 'rezerwacji', 'бронь', 'бронирование', 'бронирования', 'pnr',
  'transaction', 'txn', 'transaktion', 'transacción', 'transação', 'transazione', 'payment', 'zahlung',
  'paiement', 'pago', 'pagamento', 'betaling', 'płatność', 'płatności', 'платежа', 'платеж', 'платёжа', 'платёж',
  // customers, accounts, members, employees, policies, contracts
  'customer', 'kunden', 'client', 'cliente', 'klant', 'klienta', 'klientu', 'klientem', 'klient', 'kund', 'клиента', 'клиент', 'account', 'acct',
  'a/c', 'konto', 'compte', 'cuenta', 'conto', 'conta', 'rekening', 'rachunka', 'rachunku', 'rachunek', 'member',
  'membership', 'mitglied', 'mitglieds', 'membre', 'adhérent', 'socio', 'lid', 'lidmaatschap',
  'członka', 'członk', 'loyalty', 'employee', 'emp', 'staff', 'mitarbeiter', 'personal', 'personnel', 'salarié',
  'matricule', 'empleado', 'dipendente', 'medewerker', 'pracownik', 'сотрудника', 'сотрудник', 'user', 'benutzer',
  'utilisateur', 'usuario', 'utente', 'student', 'matrikel', 'patient', 'patienten', 'versicherten',
  'versicherungs', 'policy', 'police', 'póliza', 'polizza', 'polis', 'polisa', 'полиса', 'полис', 'claim',
  'schaden', 'sinistre', 'siniestro', 'contract', 'vertrag', 'vertrags', 'contrat', 'contrato',
  'contratto', 'umowa', 'umowy', 'договора', 'договор',
  // shipping
  'tracking', 'track', 'trace', 'shipment', 'sendung', 'sendungs', 'paket', 'colis', 'suivi', 'envío',
  'envio', 'seguimiento', 'spedizione', 'tracciamento', 'rastreamento', 'rastreio', 'objeto', 'zending',
  'przesyłka', 'przesyłki', 'посылка', 'посылки', 'отслеживания', 'отслеживание', 'трек', 'waybill', 'awb', 'consignment', 'parcel',
  'delivery', 'lieferschein', 'livraison', 'albarán',
  // products and devices
  'serial', 's/n', 'sn', 'serien', 'série', 'serie', 'seryjny', 'серийный', 'sku', 'item', 'art.-nr', 'art.nr', 'art-nr', 'artnr',
  'artikel', 'article', 'artículo', 'articolo', 'part', 'teil', 'pièce', 'model', 'modell', 'modèle',
  'modelo', 'modello', 'product', 'produkt', 'produit', 'producto', 'prodotto', 'ean', 'upc', 'gtin',
  'isbn', 'isbn-10', 'isbn-13', 'issn', 'doi', 'asin', 'imei', 'meid', 'iccid', 'vin', 'licence', 'license', 'lizenz',
  'patent', 'id', 'ident', 'identifier', 'kennung',
  // banking and payment cards
  'iban', 'bic', 'swift', 'routing', 'aba', 'rtn', 'transit', 'sort code', 'sortcode', 'bsb', 'blz',
  'bankleitzahl', 'clabe', 'agência', 'agencia', 'ifsc', 'micr', 'card', 'karte', 'carte', 'tarjeta',
  'carta', 'cartão', 'kaart', 'karta', 'карта', 'карты', 'credit', 'kredit', 'visa', 'mastercard', 'amex',
  'maestro', 'pin', 'cvv', 'cvc', 'otp', 'passcode', 'password', 'kennwort', 'voucher', 'gutschein',
  'coupon', 'promo', 'promo code', 'promocode', 'voucher code', 'vouchercode', 'discount code', 'discountcode', 'access code', 'accesscode', 'confirmation code', 'confirmationcode', 'verification code', 'verificationcode', 'security code', 'securitycode', 'activation code', 'activationcode', 'gift code', 'giftcode',
  // tax and company identifiers
  'vat', 'vat reg', 'tax', 'tin', 'ein', 'itin', 'ssn', 'nino', 'utr', 'company', 'registration', 'reg',
  'registered', 'handelsregister', 'hrb', 'hra', 'amtsgericht', 'ust', 'ust-id', 'ustid', 'ust-idnr', 'ustidnr',
  'umsatzsteuer', 'steuer', 'steuernummer', 'steuer-id', 'steuerid', 'st.-nr', 'st.nr', 'st-nr', 'stnr', 'idnr', 'w-idnr', 'widnr', 'finanzamt',
  'siren', 'siret', 'rcs', 'tva', 'naf', 'ape', 'nif', 'nie', 'cif', 'nss', 'iva', 'p. iva', 'p.iva',
  'partita iva', 'codice fiscale', 'c.f', 'rea', 'kvk', 'btw', 'rsin', 'bsn', 'kbo', 'ondernemingsnummer',
  'uid', 'mwst', 'firmenbuch', 'gst', 'gstin', 'cin', 'aadhaar', 'abn', 'acn', 'arbn', 'nzbn', 'ird',
  'cnpj', 'cpf', 'inscrição', 'rfc', 'curp', 'ruc', 'rut', 'cuit', 'cuil', 'dni', 'nip', 'regon', 'krs',
  'pesel', 'инн', 'огрн', 'огрнип', 'кпп', 'окпо', 'бик', 'р/с', 'к/с', 'снилс', 'organisationsnummer',
  'org. nr', 'org.nr', 'org nr', 'orgnr', 'personnummer', 'momsnr', 'trn',
  // identity documents
  'passport', 'reisepass', 'passeport', 'pasaporte', 'passaporto', 'paszport', 'паспорта', 'паспорт', 'ausweis',
  'personalausweis', 'führerschein', 'permis', 'cédula',
  // quantities: pages, people, money
  'pages', 'page', 'pp', 'seiten', 'seite', 'página', 'pagina', 'strona', 'стр', 'population', 'einwohner', 'habitants',
  'inhabitants', 'habitantes', 'abitanti', 'price', 'preis', 'prix', 'precio', 'prezzo', 'preço', 'prijs',
  'cena', 'цена', 'total', 'sum', 'summe', 'betrag', 'amount', 'montant', 'importe', 'importo', 'valor',
  'kwota', 'сумма', 'balance', 'saldo', 'solde', 'salary', 'gehalt', 'salaire', 'salario', 'revenue',
  'umsatz', 'budget', 'gebühr',
  // software versions
  'build', 'version', 'ver', 'v', 'release', 'rev', 'revision', 'commit', 'patch',
  // postal codes, post boxes and places
  'postfach', 'p. o. box', 'p. o box', 'p.o. box', 'p.o box', 'p o. box', 'p o box', 'po. box', 'po box', 'box', 'boîte postale', 'b.p', 'bp', 'apartado', 'casella postale', 'skrytka',
  'zip', 'zip code', 'zipcode', 'postal code', 'post code', 'postcode', 'plz', 'postleitzahl', 'code postal', 'código postal',
  'kod pocztowy', 'почтовый индекс', 'индекс', 'pin code', 'pincode', 'lat', 'lng', 'lon', 'latitude', 'longitude',
  'coordinates', 'koordinaten', 'gps',
  // publications
  'chapter', 'vol', 'volume', 'issue', 'heft', 'jahrgang',
];

/** Russian stems any case ending may follow ("заказа", "счёта"). */
export const NEGATIVE_STEMS = ['заказ', 'счет', 'счёт'];

// Scripts without spaces between words: matched anywhere, not only after a non-letter.
export const NEGATIVE_CJK = [
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
export const NUMBER_WORDS =
  'no|nr|nro|n|nº|n°|n\\.º|núm|num|nbr|number|nummer|numéro|número|numero|numer|номер|číslo|č|broj|br|szám|sz|numara|αρ|αριθμός|№|#|id|code|ref';

/** "is", a colon or sign, then maybe a country prefix as in "VAT No. GB 123 4567 89". */
export const FILLER = '(?:\\s*(?:is|ist|lautet|est|es|è|é|är|er|jest|:))?[\\s:#.\\-=/№°º()]*';

const NEGATIVE_LABELS = new WordSet(NEGATIVE_WORDS, NEGATIVE_STEMS, ['а', 'я']);
const NEGATIVE_LABELS_ANYWHERE = new WordSet(NEGATIVE_CJK);

/** What may come between a negative label and the number: a "number" word, "is", signs. */
const AFTER_NEGATIVE_LABEL = new RegExp(`\\.?(?:[\\s.\\-]*(?:${NUMBER_WORDS})\\.?)?${FILLER}$`, 'y');


/**
 * Where a negative label begins its run to the end of `text`, or -1: the index the regular
 * expression `(?:(?:^|[^\p{L}\p{N}])(?:NEGATIVE_WORDS|NEGATIVE_STEMS[а-я]*)|NEGATIVE_CJK)AFTER_NEGATIVE_LABEL`
 * would report (its leftmost match, the separator before a word included), found by looking the
 * words up instead (word-set.ts says why). `negative-label.test.ts` holds the two to the same answers.
 */
export function negativeLabelAt(text: string): number {
  const labelEndsWell = (end: number) => {
    AFTER_NEGATIVE_LABEL.lastIndex = end;
    return AFTER_NEGATIVE_LABEL.test(text);
  };
  if (NEGATIVE_LABELS.beginsAt(text, 0, labelEndsWell)) return 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Most of a tail: an ASCII letter or digit, neither a separator nor the start of a CJK label.
    if (unit < 0x80 && isAsciiLetterOrDigit(unit)) continue;
    // A match does not begin inside a surrogate pair.
    if (isInsidePair(text, i)) continue;
    if (!isLetterOrDigit(text, i, unit)) {
      if (NEGATIVE_LABELS.beginsAt(text, codePointEnd(text, i), labelEndsWell)) return i;
    }
    if (NEGATIVE_LABELS_ANYWHERE.beginsAt(text, i, labelEndsWell)) return i;
  }
  return -1;
}

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
export const POSITIVE_STEMS = [
  'telefon', 'telfon', 'telephon', 'téléphon', 'teléfon', 'telefoon', 'phone', 'mobil', 'móvil', 'movil',
  'cellular', 'cellphone', 'cellulare', 'celular', 'handy', 'portable', 'telefax', 'fax', 'hotline',
  'helpline', 'callcenter', 'call center', 'rufnummer', 'durchwahl', 'vorwahl', 'zentrale',
  'switchboard', 'reception', 'empfang', 'réception', 'freephone', 'freecall', 'numéro vert',
  'numero verde', 'número gratuito', 'toll- free', 'toll-free', 'toll free', 'tollfree', 'kostenlos', 'kostenfrei', 'gebührenfrei',
  'gratis', 'sans frais', 'sin costo', 'free call', 'free phone', 'servicenummer', 'infonummer',
  'notruf', 'support', 'whatsapp', 'телефон', 'тел', 'моб', 'факс', 'позвоните', 'звоните', 'τηλ',
  'κινητό', 'telefonu', 'kundenservice', 'kundendienst', 'customer service', 'customer care',
  'service client', 'servicio al cliente', 'atención al cliente', 'assistenza clienti', 'atendimento',
  'klantenservice', 'obsługa klienta', 'contact', 'kontakt', 'contacto', 'contatto', 'contato',
  'llámenos', 'appelez', 'chiamaci', 'zadzwoń', 'dzwoń',
];
export const POSITIVE_WORDS = [
  'tel', 'tél', 'ph', 'fon', 'fone', 'mob', 'cell', 'cel', 'gsm', 'port', 'tlf', 'tlfn', 'tfn', 'puh',
  'sms', 'dw', 'call', 'ring', 'rufen', 'anrufen', 'ruf', 'appeler', 'llame', 'llamar', 'ligue', 'ligar',
  'chiama', 'chiamare', 'bel', 'bellen', 'gratuit', 'gratuito', 'cep',
];
export const POSITIVE_CJK = [
  '電話', '携帯', 'ファックス', 'ファクス', '电话', '手机', '客服', '热线', '傳真', '传真', 'هاتف', 'جوال',
  'موبايل', 'فاكس', 'اتصل', '전화', '연락처', '휴대폰', '팩스', '☎', '☏', '📞', '📱', '✆', '📠',
];

/** The stems, words and CJK labels by their first code unit, each list in its order above. */
const byFirst = (words: readonly string[]) => {
  const map = new Map<number, string[]>();
  for (const word of words) {
    const first = word.charCodeAt(0);
    const list = map.get(first);
    if (list) list.push(word);
    else map.set(first, [word]);
  }
  return map;
};
const POSITIVE_STEMS_BY_FIRST = byFirst(POSITIVE_STEMS);
const POSITIVE_WORDS_BY_FIRST = byFirst(POSITIVE_WORDS);
const POSITIVE_CJK_BY_FIRST = byFirst(POSITIVE_CJK);


/**
 * Where the last phone label in `text` begins, or -1: the index of the last match the regular
 * expression `(?:^|[^\p{L}])(?:(?:POSITIVE_STEMS)|(?:POSITIVE_WORDS)(?![\p{L}]))|POSITIVE_CJK|(?:^|[\s|,;(/])[tmfph] ?[:.]\s*$`
 * (flags `gu`) would give, stepping from one match's end to the next as `exec` does. Looked up
 * rather than compiled, as the negative labels are (word-set.ts says why);
 * `positive-label.test.ts` holds the two to the same answers.
 */
export function positiveLabelAt(text: string): number {
  let last = -1;
  let i = 0;
  while (i < text.length) {
    // Inside a word of ASCII letters no alternative can begin: each needs a non-letter first.
    const unit = text.charCodeAt(i);
    if (i > 0 && isAsciiLetter(unit)) {
      i++;
      continue;
    }
    const end = positiveMatchAt(text, i);
    if (end < 0) {
      i++;
      continue;
    }
    last = i;
    i = end;
  }
  return last;
}

/** Where a match beginning at `i` ends, or -1, trying the alternatives in the expression's order. */
function positiveMatchAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (isInsidePair(text, i)) return -1;
  if (i === 0) {
    const end = positiveWordAt(text, 0);
    if (end >= 0) return end;
  }
  if (!isLetter(text, i, unit)) {
    const end = positiveWordAt(text, codePointEnd(text, i));
    if (end >= 0) return end;
  }
  const cjk = POSITIVE_CJK_BY_FIRST.get(unit);
  if (cjk) for (const word of cjk) if (text.startsWith(word, i)) return i + word.length;
  // (?:^|[\s|,;(/])[tmfph] ?[:.]\s*$
  if (i === 0 && shortLabelToEnd(text, 0)) return text.length;
  if (isSpace(unit) || unit === 0x7c || unit === 0x2c || unit === 0x3b || unit === 0x28 || unit === 0x2f) {
    if (shortLabelToEnd(text, i + 1)) return text.length;
  }
  return -1;
}

/** `[tmfph] ?[:.]\s*$` from `j`: "T: ", "m. ", "f : " at the end of the text. */
function shortLabelToEnd(text: string, j: number): boolean {
  if (!isShortLabelLetter(text.charCodeAt(j))) return false;
  j++;
  if (text.charCodeAt(j) === 0x20) j++;
  const c = text.charCodeAt(j);
  if (c !== 0x3a && c !== 0x2e) return false;
  j++;
  while (j < text.length && isSpace(text.charCodeAt(j))) j++;
  return j === text.length;
}

/** A stem, else a whole word, beginning at `s`: where it ends, or -1. */
function positiveWordAt(text: string, s: number): number {
  const first = text.charCodeAt(s);
  const stems = POSITIVE_STEMS_BY_FIRST.get(first);
  if (stems) for (const stem of stems) if (text.startsWith(stem, s)) return s + stem.length;
  const words = POSITIVE_WORDS_BY_FIRST.get(first);
  if (words) {
    for (const word of words) {
      const end = s + word.length;
      if (text.startsWith(word, s) && (end >= text.length || !isLetter(text, end, text.charCodeAt(end)))) return end;
    }
  }
  return -1;
}

function isShortLabelLetter(unit: number): boolean {
  // t m f p h
  return unit === 0x74 || unit === 0x6d || unit === 0x66 || unit === 0x70 || unit === 0x68;
}


/** A trailing country prefix ("GB ", "DE-") that a tax or bank label may have before digits. */
const COUNTRY_PREFIX = /(?<![\p{L}])\p{Lu}{2}[ -]?$/u;

/**
 * What the words just before a number say it is. `tail` is the text before the number, cut
 * after the previous digit and to at most `TAIL_LENGTH` characters.
 */
export function labelBefore(tail: string): LabelVerdict {
  // The label words are lower case: the tail is lower-cased once for all of them (a
  // case-insensitive Unicode pattern had cost over 20 ms to compile, on every page).
  const lower = tail.toLowerCase();
  const positiveAt = positiveLabelAt(lower);
  const stripped = tail.replace(COUNTRY_PREFIX, '');
  let negativeAt = negativeLabelAt(lower);
  if (negativeAt < 0 && stripped !== tail) negativeAt = negativeLabelAt(stripped.toLowerCase());
  if (negativeAt >= 0 && negativeAt >= positiveAt) return 'negative';
  if (positiveAt >= 0) return 'positive';
  if (GENERIC_NUMBER.test(lower)) return 'negative';
  return 'neutral';
}

/** The label patterns, for warm-up.ts to compile one at a time ahead of the first detection. */
export const LABEL_PATTERNS: readonly RegExp[] = [AFTER_NEGATIVE_LABEL, LETTER_OR_DIGIT, LETTER, GENERIC_NUMBER, COUNTRY_PREFIX];
