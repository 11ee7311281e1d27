/** Realistic pasted responses of a chosen size, built from catalog codes. */

const CUSTOMER_CODES: [number, string][] = [
  [1012, "Cannot find customer with the provided mobile number/external ID/e-mail ID."],
  [1016, "Unable to register. Email provided already exists for some other user."],
  [618, "Not allowed - customer is marked as fraud."],
  [8015, "No customer found with the given identifier."],
  [1001, "Unable to register. Invalid mobile number."],
];

/** A v1.1 customer/add response with enough items to reach about `size` characters. */
export function v11Paste(size: number, slackDamage = true): string {
  const items: unknown[] = [];
  let text = "";
  for (let i = 0; text.length < size; i++) {
    const [code, message] = CUSTOMER_CODES[i % CUSTOMER_CODES.length] ?? [1012, ""];
    items.push({
      mobile: `9198765${String(10000 + i).slice(-5)}`,
      email: `customer${i}@example.com`,
      firstname: `Name${i}`,
      external_id: `EXT-${i}`,
      item_status: {
        success: "false",
        code: i % 2 === 0 ? code : String(code),
        message,
        warnings: { warning: [{ code: 8055, message: "Invalid email id" }] },
      },
    });
    const body = JSON.stringify(
      {
        response: {
          status: {
            success: "false",
            code: 500,
            message: "All requests have failed due to errors",
          },
          customers: { customer: items },
        },
      },
      null,
      2,
    );
    text = slackDamage
      ? `customer add failing, see below\n\`\`\`\nHTTP/1.1 200 OK\nX-CAP-REQUEST-ID: 5f2c9a1e-77b3\n\n${body.replace(/"/g, "\u201c")}\n\`\`\``
      : body;
  }
  return text;
}
