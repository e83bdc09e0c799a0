// Brume's runtime client for the nodejs* Lambda runtimes.
//
// Launch:  node /path/to/bootstrap.mjs        (cwd and LAMBDA_TASK_ROOT = code dir)
// Needs:   AWS_LAMBDA_RUNTIME_API, _HANDLER, LAMBDA_TASK_ROOT
// Uses:    AWS_LAMBDA_FUNCTION_NAME / _VERSION / _MEMORY_SIZE,
//          AWS_LAMBDA_LOG_GROUP_NAME, AWS_LAMBDA_LOG_STREAM_NAME (context fields)
//
// Loads the handler once (CommonJS or ES module), then loops on
// /invocation/next forever.  Wire formats follow what AWS's managed Node.js
// runtime sends; see README.md next to this directory.  No npm packages.

import http from "node:http";
import { createRequire } from "node:module";
import Module from "node:module";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import path from "node:path";
import fs from "node:fs";

const API_PREFIX = "/2018-06-01/runtime";
const [API_HOST, API_PORT] = (() => {
  const a = process.env.AWS_LAMBDA_RUNTIME_API || "";
  const i = a.lastIndexOf(":");
  return i < 0 ? [a, 80] : [a.slice(0, i).replace(/^\[|\]$/g, ""), Number(a.slice(i + 1))];
})();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

// ---------------------------------------------------------------------------
// logging: console.* -> "<ISO time>\t<request id>\t<LEVEL>\t<message>\n" on stdout
// (before the first invoke the request id is the string "undefined", as on AWS)
// ---------------------------------------------------------------------------
let currentRequestId = undefined;

function writeLog(level, args) {
  const line = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${format(...args)}\n`;
  process.stdout.write(line);
}

function patchConsole() {
  const levels = { log: "INFO", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG" };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => writeLog(level, args);
  }
  console.trace = (...args) => {
    const err = { name: "Trace", message: format(...args) };
    Error.captureStackTrace(err, console.trace);
    writeLog("TRACE", [err.stack]);
  };
  console.fatal = (...args) => writeLog("FATAL", args);
}

// ---------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------
function runtimeError(name, message, cause) {
  const e = new Error(message);
  e.name = name;
  if (cause !== undefined) e.cause = cause;
  return e;
}

function isError(v) {
  return v instanceof Error || (v !== null && typeof v === "object" &&
    typeof v.message === "string" && typeof v.stack === "string");
}

// The body AWS's Node runtime posts for an error: errorType, errorMessage, trace.
function toErrorBody(err) {
  if (isError(err)) {
    return {
      errorType: err.name || (err.constructor && err.constructor.name) || "Error",
      errorMessage: String(err.message),
      trace: typeof err.stack === "string" ? err.stack.split("\n") : [],
    };
  }
  let message;
  try {
    message = typeof err === "string" ? err : JSON.stringify(err);
  } catch {
    message = String(err);
  }
  if (message === undefined) message = String(err);
  return { errorType: typeof err, errorMessage: message, trace: [] };
}

// the log record: same fields, but the stack is called "stack" there
function toLogJson(body) {
  return JSON.stringify({ errorType: body.errorType, errorMessage: body.errorMessage,
    stack: body.trace });
}

// ---------------------------------------------------------------------------
// Runtime API client
// ---------------------------------------------------------------------------
function request(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const opts = { host: API_HOST, port: API_PORT, method, path: API_PREFIX + urlPath,
      agent, headers: headers || {} };
    if (body !== undefined) opts.headers["Content-Length"] = Buffer.byteLength(body);
    const req = http.request(opts, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ res, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function postWithRetry(urlPath, body, headers) {
  try {
    return await request("POST", urlPath, body, headers);
  } catch (e) {
    if (e && (e.code === "ECONNRESET" || e.code === "EPIPE")) {  // stale keep-alive socket
      return await request("POST", urlPath, body, headers);
    }
    throw e;
  }
}

function postError(urlPath, body) {
  return postWithRetry(urlPath, JSON.stringify(body), {
    "Content-Type": "application/json",
    "Lambda-Runtime-Function-Error-Type": body.errorType,
  });
}

// ---------------------------------------------------------------------------
// handler loading
// ---------------------------------------------------------------------------
function nearestPackageType(dir, stopAt) {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8"));
      return pkg.type === "module" ? "module" : "commonjs";
    } catch (e) {
      if (e && e.code !== "ENOENT") return "commonjs";
    }
    if (d === stopAt || path.dirname(d) === d) return "commonjs";
  }
}

async function loadModule(taskRoot, moduleName) {
  const base = path.resolve(taskRoot, moduleName);
  const req = createRequire(import.meta.url);
  const importESM = async (file) => import(pathToFileURL(file).href);
  const exists = (f) => { try { return fs.statSync(f).isFile(); } catch { return false; } };
  try {
    if (exists(base + ".js")) {
      const file = base + ".js";
      if (nearestPackageType(path.dirname(file), taskRoot) === "module") return await importESM(file);
      try {
        return req(file);
      } catch (e) {
        if (e && e.code === "ERR_REQUIRE_ESM") return await importESM(file);
        throw e;
      }
    }
    if (exists(base + ".mjs")) return await importESM(base + ".mjs");
    if (exists(base + ".cjs")) return req(base + ".cjs");
    // not a file in the task root: resolve like require() does, via NODE_PATH
    // (which includes the task root, as on AWS) — directories, node_modules
    return req(moduleName);
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw runtimeError("Runtime.UserCodeSyntaxError", String(e), e);
    }
    if (e && (e.code === "MODULE_NOT_FOUND" || e.code === "ERR_MODULE_NOT_FOUND")) {
      throw runtimeError("Runtime.ImportModuleError", String(e), e);
    }
    throw e;
  }
}

async function loadHandler(taskRoot, fullHandler) {
  const slash = fullHandler.lastIndexOf("/");
  const tail = fullHandler.slice(slash + 1);
  const dot = tail.indexOf(".");
  if (dot <= 0 || dot === tail.length - 1) {
    throw runtimeError("Runtime.MalformedHandlerName", "Bad handler");
  }
  const moduleName = fullHandler.slice(0, slash + 1) + tail.slice(0, dot);
  const handlerPath = tail.slice(dot + 1);
  if (moduleName.split("/").includes("..")) {
    throw runtimeError("Runtime.MalformedHandlerName",
      "'" + fullHandler + "' is not a valid handler name. Use absolute paths when specifying root directories in handler names.");
  }
  const mod = await loadModule(taskRoot, moduleName);
  const walk = (obj) => handlerPath.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
  let fn = walk(mod);
  // CommonJS loaded through import(): the exports object is the default export
  if (fn === undefined && mod && mod.default !== undefined) fn = walk(mod.default);
  if (fn === undefined) {
    throw runtimeError("Runtime.HandlerNotFound", `${fullHandler} is undefined or not exported`);
  }
  if (typeof fn !== "function") {
    throw runtimeError("Runtime.HandlerNotFound", `${fullHandler} is not a function`);
  }
  return fn;
}

// ---------------------------------------------------------------------------
// context
// ---------------------------------------------------------------------------
function parseJsonHeader(v) {
  if (!v) return undefined;
  try { return JSON.parse(v); } catch { return undefined; }
}

function makeContext(headers, finish) {
  const env = process.env;
  const deadline = Number(headers["lambda-runtime-deadline-ms"]) || 0;
  const ctx = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers["lambda-runtime-invoked-function-arn"],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers["lambda-runtime-aws-request-id"],
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: undefined,
    clientContext: parseJsonHeader(headers["lambda-runtime-client-context"]),
    getRemainingTimeInMillis() { return Math.max(deadline - Date.now(), 0); },
    // legacy completion API
    done(err, result) { finish(err, result, true); },
    succeed(result) { finish(null, result, true); },
    fail(err) { finish(err === undefined || err === null ? "handled" : err, undefined, true); },
  };
  const cog = parseJsonHeader(headers["lambda-runtime-cognito-identity"]);
  if (cog) ctx.identity = { cognitoIdentityId: cog.cognitoIdentityId, cognitoIdentityPoolId: cog.cognitoIdentityPoolId };
  if (headers["lambda-runtime-aws-tenant-id"]) ctx.tenantId = headers["lambda-runtime-aws-tenant-id"];
  return ctx;
}

// ---------------------------------------------------------------------------
// the loop
// ---------------------------------------------------------------------------
let inFlight = null;  // { id, answered } for the invoke being handled

// resolves when the event loop has nothing left to do (beforeExit)
function emptyEventLoop() {
  return new Promise((resolve) => process.once("beforeExit", resolve));
}

function runHandler(handler, event, headers) {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (err, result, viaCallback) => {
      if (settled) return;
      settled = true;
      const outcome = { err: err === undefined ? null : err, result };
      if (viaCallback && ctx.callbackWaitsForEmptyEventLoop) {
        emptyEventLoop().then(() => resolve(outcome));
      } else {
        resolve(outcome);
      }
    };
    const ctx = makeContext(headers, finish);
    const callback = (err, result) => finish(err, result, true);
    let ret;
    try {
      ret = handler(event, ctx, callback);
    } catch (e) {
      settled = true;
      resolve({ err: e === undefined || e === null ? runtimeError("Error", String(e)) : e });
      return;
    }
    if (ret && typeof ret.then === "function") {
      ret.then((r) => finish(null, r, false),
      (e) => finish(e === undefined || e === null ? runtimeError("Error", String(e)) : e, undefined, false));
    } else if (!settled) {
      // a non-async handler that never calls back: answer null once the loop is empty
      emptyEventLoop().then(() => { if (!settled) { settled = true; resolve({ err: null, result: undefined }); } });
    }
  });
}

async function invokeOnce(handler) {
  const { res, body } = await request("GET", "/invocation/next");
  if (res.statusCode !== 200) {
    throw new Error(`Runtime API /next returned ${res.statusCode}: ${body.slice(0, 200)}`);
  }
  const h = res.headers;
  const id = h["lambda-runtime-aws-request-id"];
  currentRequestId = id;
  inFlight = { id, answered: false };
  if (h["lambda-runtime-trace-id"]) process.env._X_AMZN_TRACE_ID = h["lambda-runtime-trace-id"];
  else delete process.env._X_AMZN_TRACE_ID;

  let event;
  let outcome;
  try {
    event = JSON.parse(body);
  } catch (e) {
    outcome = { err: runtimeError("Runtime.UnmarshalError", `Unable to unmarshal input: ${e.message}`) };
  }
  if (!outcome) outcome = await runHandler(handler, event, h);

  const flight = inFlight;
  if (flight.answered) return;  // an uncaught error already reported this invoke
  if (outcome.err !== null && outcome.err !== undefined) {
    const eb = toErrorBody(outcome.err);
    writeLog("ERROR", ["Invoke Error \t" + toLogJson(eb)]);
    flight.answered = true;
    await postError(`/invocation/${id}/error`, eb);
    return;
  }
  let payload;
  try {
    payload = JSON.stringify(outcome.result === undefined ? null : outcome.result);
    if (payload === undefined) payload = "null";  // e.g. a function or symbol
  } catch (e) {
    const eb = toErrorBody(e);
    writeLog("ERROR", ["Invoke Error \t" + toLogJson(eb)]);
    flight.answered = true;
    await postError(`/invocation/${id}/error`, eb);
    return;
  }
  flight.answered = true;
  await postWithRetry(`/invocation/${id}/response`, payload, { "Content-Type": "application/json" });
}

// Errors that escape the handler's own promise chain: report them for the
// invoke in flight (if not yet answered), then exit, as AWS's runtime does.
function installProcessHandlers() {
  const fatal = async (eb, logLabel, code) => {
    writeLog("ERROR", [logLabel + " \t" + toLogJson(eb)]);
    const flight = inFlight;
    try {
      if (flight && !flight.answered) {
        flight.answered = true;
        await postError(`/invocation/${flight.id}/error`, eb);
      } else if (!flight) {
        await postError("/init/error", eb);
      }
    } catch { /* nothing more to do */ }
    process.exit(code);
  };
  process.on("uncaughtException", (err) => {
    fatal(toErrorBody(err), "Uncaught Exception", 129);
  });
  process.on("unhandledRejection", (reason) => {
    const e = runtimeError("Runtime.UnhandledPromiseRejection", String(reason));
    fatal(toErrorBody(e), "Unhandled Promise Rejection", 128);
  });
}

async function main() {
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  try { process.chdir(taskRoot); } catch { /* keep cwd */ }
  // like AWS: the task root is on NODE_PATH, so bare module names resolve there
  const np = (process.env.NODE_PATH || "").split(path.delimiter).filter(Boolean);
  if (!np.includes(taskRoot)) {
    process.env.NODE_PATH = [...np, taskRoot].join(path.delimiter);
    if (typeof Module._initPaths === "function") Module._initPaths();
  }
  patchConsole();
  installProcessHandlers();

  let handler;
  try {
    handler = await loadHandler(taskRoot, process.env._HANDLER || "");
  } catch (err) {
    const eb = toErrorBody(err);
    writeLog("ERROR", ["Uncaught Exception \t" + toLogJson(eb)]);
    try { await postError("/init/error", eb); } catch { /* exit anyway */ }
    process.exit(1);
  }
  for (;;) {
    await invokeOnce(handler);
  }
}

main();
