// Calls one endpoint of a running app with the official @gradio/client and prints what it got,
// one JSON line per data message. Usage: node call_endpoint.mjs URL /endpoint '[args...]'
import { Client } from "@gradio/client";

const [url, endpoint, args] = process.argv.slice(2);
const app = await Client.connect(url);
const job = app.submit(endpoint, JSON.parse(args));
for await (const message of job) {
  if (message.type === "data") console.log(JSON.stringify(message.data));
  if (message.type === "status" && message.stage === "error") {
    console.error(message.message);
    process.exit(1);
  }
  if (message.type === "status" && message.stage === "complete") break;
}
process.exit(0);
