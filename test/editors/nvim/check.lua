-- Drives the Flaglens language server through Neovim's own LSP client (0.7+), on the current buffer:
--   1. waits for an `unknown-segment` diagnostic on the expected line, under the typo;
--   2. requests completion right after `segments: ` and expects the fix among the labels;
--   3. requests code actions for the diagnostic and expects the quick fix `Change to "<fix>"`;
--   4. applies the fix's edit and waits for the diagnostic to disappear;
--   5. hovers the fixed key and expects the segment's hover.
-- Environment: FLAGLENS_EXPECT_LINE (1-based line of the typo, required), FLAGLENS_EXPECT_TYPO
-- (default "netherland"), FLAGLENS_EXPECT_FIX (default "netherlands"), FLAGLENS_WAIT_MS (default 15000),
-- FLAGLENS_RESULT (a file for the JSON result; optional).
-- Prints one `flaglens-check:` line per step to stdout and exits with :cquit on failure, :qall! on success.

local expect_line = tonumber(os.getenv("FLAGLENS_EXPECT_LINE") or "")
local typo = os.getenv("FLAGLENS_EXPECT_TYPO") or "netherland"
local fix = os.getenv("FLAGLENS_EXPECT_FIX") or "netherlands"
local wait_ms = tonumber(os.getenv("FLAGLENS_WAIT_MS") or "") or 15000
local result_file = os.getenv("FLAGLENS_RESULT")

local result = { ok = false, steps = {}, nvim = vim.fn.matchstr(vim.fn.execute("version"), "NVIM v[0-9.]*") }

local function say(line)
  io.stdout:write("flaglens-check: " .. line .. "\n")
  io.stdout:flush()
end

local function step(name, data)
  data = data or {}
  data.name = name
  table.insert(result.steps, data)
  say("ok " .. name)
end

local function fail(message)
  error({ flaglens = message }, 0)
end

local function check(cond, message)
  if not cond then
    fail(message)
  end
end

-- Diagnostics of the current buffer, as plain tables (vim.diagnostic.get returns 0-based lines and byte columns).
local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      code = d.code,
      source = d.source,
      message = d.message,
    })
  end
  return out
end

-- The unknown-segment diagnostic about the typo (the file may have others).
local function find_unknown_segment()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == "unknown-segment" and d.message:find('"' .. typo .. '"', 1, true) then
      return d
    end
  end
  return nil
end

local function flaglens_client()
  for _, c in pairs(vim.lsp.buf_get_clients(0)) do
    if c.name == "flaglens" then
      return c
    end
  end
  return nil
end

-- Sends a request to the flaglens client of the current buffer and returns its result.
local function request(method, params)
  local client = flaglens_client()
  check(client ~= nil, "no flaglens client attached to the buffer")
  local responses, err = vim.lsp.buf_request_sync(0, method, params, wait_ms)
  check(responses ~= nil, method .. " failed: " .. tostring(err))
  local response = responses[client.id]
  check(response ~= nil, method .. ": no response from the flaglens client")
  check(response.err == nil, method .. " returned an error: " .. vim.inspect(response.err))
  return response.result
end

local function run()
  check(expect_line ~= nil, "set FLAGLENS_EXPECT_LINE to the 1-based line of the typo")
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  result.uri = uri
  check(vim.bo[bufnr].filetype == "yaml", "the buffer's filetype is '" .. vim.bo[bufnr].filetype .. "', not yaml")

  -- 1. The diagnostic.
  vim.wait(wait_ms, function()
    return find_unknown_segment() ~= nil
  end, 50)
  result.diagnostics = diagnostics()
  local d = find_unknown_segment()
  check(flaglens_client() ~= nil, "no flaglens client attached to the buffer (did the server start?)")
  check(d ~= nil, "no unknown-segment diagnostic within " .. wait_ms .. " ms; diagnostics: " .. vim.inspect(result.diagnostics))
  local line = vim.api.nvim_buf_get_lines(bufnr, expect_line - 1, expect_line, true)[1]
  local typo_col = line:find(typo, 1, true)
  check(typo_col ~= nil, "line " .. expect_line .. " does not contain '" .. typo .. "': " .. line)
  typo_col = typo_col - 1
  -- LSP positions count UTF-16 code units; Neovim's diagnostics count bytes.
  local _, typo_char = vim.str_utfindex(line, typo_col)
  check(d.lnum == expect_line - 1, string.format("unknown-segment on line %d, expected %d", d.lnum + 1, expect_line))
  check(d.col == typo_col and d.end_col == typo_col + #typo and d.end_lnum == d.lnum,
    string.format("unknown-segment spans columns %d-%d, expected %d-%d (0-based)", d.col, d.end_col, typo_col, typo_col + #typo))
  check(d.source == "flaglens", "diagnostic source is " .. tostring(d.source))
  check(d.severity == vim.diagnostic.severity.ERROR, "diagnostic severity is " .. tostring(d.severity))
  step("diagnostic", { line = d.lnum + 1, col = d.col + 1, message = d.message })

  -- 2. Completion right after `segments: ` (the start of the typo).
  local items = request("textDocument/completion", {
    textDocument = { uri = uri },
    position = { line = d.lnum, character = typo_char },
  })
  check(items ~= nil and items ~= vim.NIL, "completion returned null")
  if items.items then
    items = items.items
  end
  local labels = {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
  result.completion = labels
  check(vim.tbl_contains(labels, fix), "completion labels lack '" .. fix .. "': " .. table.concat(labels, ", "))
  step("completion", { count = #labels })

  -- 3. The quick fix, requested as Neovim's own code_action does: the line's diagnostics in the context.
  local context_diagnostics = vim.tbl_filter(function(x)
    return x.code == "unknown-segment" and x.message == d.message
  end, vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum))
  check(#context_diagnostics == 1, "expected one unknown-segment LSP diagnostic on the line, got " .. #context_diagnostics)
  check(type(context_diagnostics[1].data) == "table" and context_diagnostics[1].data.suggestion == fix,
    "the diagnostic's data.suggestion is " .. vim.inspect(context_diagnostics[1].data))
  local actions = request("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = context_diagnostics[1].range,
    context = { diagnostics = context_diagnostics },
  })
  check(actions ~= nil and actions ~= vim.NIL, "codeAction returned null")
  local titles = {}
  local action = nil
  local title = 'Change to "' .. fix .. '"'
  for _, a in ipairs(actions) do
    table.insert(titles, a.title)
    if a.title == title then
      action = a
    end
  end
  result.codeActions = titles
  check(action ~= nil, "no code action titled " .. title .. "; got: " .. vim.inspect(titles))
  check(action.kind == "quickfix", "the action's kind is " .. tostring(action.kind))
  check(type(action.edit) == "table", "the action has no edit")
  step("codeAction", { title = action.title })

  -- 4. Apply it and wait for the diagnostic to go away.
  local client = flaglens_client()
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
  local fixed = vim.api.nvim_buf_get_lines(bufnr, expect_line - 1, expect_line, true)[1]
  result.fixedLine = fixed
  check(fixed == line:sub(1, typo_col) .. fix .. line:sub(typo_col + #typo + 1), "after the edit the line reads: " .. fixed)
  local gone = vim.wait(wait_ms, function()
    return find_unknown_segment() == nil
  end, 50)
  result.diagnosticsAfterFix = diagnostics()
  check(gone, "the unknown-segment diagnostic is still there " .. wait_ms .. " ms after the fix")
  step("applied", { line = fixed })

  -- 5. Hover on the fixed key.
  local hover = request("textDocument/hover", {
    textDocument = { uri = uri },
    position = { line = d.lnum, character = typo_char + 1 },
  })
  check(hover ~= nil and hover ~= vim.NIL, "hover returned null on '" .. fix .. "'")
  local contents = hover.contents
  local text = type(contents) == "table" and (contents.value or vim.inspect(contents)) or tostring(contents)
  result.hover = text
  check(text:find(fix, 1, true) ~= nil, "hover does not mention '" .. fix .. "': " .. text)
  step("hover")
end

local ok, err = pcall(run)
if ok then
  result.ok = true
else
  result.error = type(err) == "table" and err.flaglens or ("Lua error: " .. tostring(err))
  say("FAIL " .. result.error)
end
if result_file and result_file ~= "" then
  vim.fn.writefile({ vim.fn.json_encode(result) }, result_file)
end
if result.ok then
  say("passed")
  vim.cmd("qall!")
else
  vim.cmd("cquit")
end
