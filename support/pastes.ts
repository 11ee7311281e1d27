/** Realistic pasted API responses, as agents paste them into Slack. */

/** A customer's identifiers that must never be echoed back into Slack. */
export const CUSTOMER_PHONE = "919876543210";
export const CUSTOMER_EMAIL = "a.b@example.com";

const fenced = (body: string) => "```\n" + body + "\n```";

/** v1.1 points/redeem answering item_status 803, headers and all, inside ``` fences. */
export function redeemPaste803(
  itemMessage = "Unable to redeem. The points you are trying to redeem is more than the available points",
): string {
  const body = {
    response: {
      status: { success: "false", code: 500, message: "All requests have failed due to errors" },
      responses: {
        points: {
          mobile: CUSTOMER_PHONE,
          email: CUSTOMER_EMAIL,
          external_id: "EXT-20931",
          points_redeemed: "0",
          redemption_id: "",
          item_status: { success: "false", code: "803", message: itemMessage },
        },
      },
    },
  };
  return (
    "redeem is failing for this customer at the POS:\n" +
    fenced(
      [
        "POST /v1.1/points/redeem?format=json HTTP/1.1",
        "",
        "HTTP/1.1 200 OK",
        "Content-Type: application/json",
        "X-CAP-REQUEST-ID: 2b8f6c1e-4d7a-4e0b-9a51-7c3e1f0d9b22",
        "",
        JSON.stringify(body, null, 2),
      ].join("\n"),
    )
  );
}

/** v1.1 customer/get answering item_status 1012 (customer not found), as a bare JSON paste. */
export function customerGetPaste1012(): string {
  const body = {
    response: {
      status: { success: "false", code: 500, message: "All requests have failed due to errors" },
      customers: {
        customer: [
          {
            mobile: "919812345678",
            email: "",
            external_id: "",
            item_status: {
              success: "false",
              code: "1012",
              message:
                "Cannot find customer with the provided mobile number/external ID/e-mail ID.",
            },
          },
        ],
      },
    },
  };
  return "customer lookup fails, any idea?\n" + fenced(JSON.stringify(body, null, 2));
}

/**
 * A v1.1 customer/add response with hundreds of item_status entries of the given codes,
 * at least `minLength` characters long, fenced as pasted.
 */
export function hugeCustomerAddPaste(codes: readonly number[], minLength = 40_000): string {
  const customers: unknown[] = [];
  const render = () =>
    fenced(
      JSON.stringify(
        {
          response: {
            status: {
              success: "false",
              code: 500,
              message: "All requests have failed due to errors",
            },
            customers: { customer: customers },
          },
        },
        null,
        2,
      ),
    );
  let text = render();
  for (let i = 0; text.length < minLength; i++) {
    const code = codes[i % codes.length] ?? 1012;
    customers.push({
      mobile: `91987${String(6543210 + i).padStart(7, "0")}`,
      item_status: { success: "false", code: String(code), message: `Rejected (${code})` },
    });
    if (i % 20 === 19) text = render();
  }
  return render();
}

/** The request id in transactionAddPaste604's headers. */
export const REQUEST_ID_604 = "7c1d2e3f-0a9b-4c8d-8e7f-6a5b4c3d2e1f";

/**
 * v1.1 transaction/add answering item_status 604 (the bill number was already used: our
 * integration sent it twice), with the request id header and the customer's mobile.
 */
export function transactionAddPaste604(): string {
  const body = {
    response: {
      status: { success: "false", code: 500, message: "All requests have failed due to errors" },
      transactions: {
        transaction: [
          {
            bill_number: "BILL-88121",
            customer: { mobile: CUSTOMER_PHONE, email: CUSTOMER_EMAIL },
            item_status: {
              success: "false",
              code: "604",
              message: "Transaction number already exists.",
            },
          },
        ],
      },
    },
  };
  return (
    "till says the bill failed, can someone look?\n" +
    fenced(
      [
        "POST /v1.1/transaction/add?format=json HTTP/1.1",
        "",
        "HTTP/1.1 200 OK",
        `X-CAP-REQUEST-ID: ${REQUEST_ID_604}`,
        "",
        JSON.stringify(body, null, 2),
      ].join("\n"),
    )
  );
}

/** Codes and messages of customer/add items, for pastes of a chosen size. */
const CUSTOMER_CODES: [number, string][] = [
  [1012, "Cannot find customer with the provided mobile number/external ID/e-mail ID."],
  [1016, "Unable to register. Email provided already exists for some other user."],
  [618, "Not allowed - customer is marked as fraud."],
  [8015, "No customer found with the given identifier."],
  [1001, "Unable to register. Invalid mobile number."],
];

/** A v1.1 customer/add response, Slack-mangled unless asked not, with enough items to reach about `size` characters. */
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
