-- Minimal Neovim (0.7+) configuration that attaches the Flaglens language server to YAML buffers.
-- Used by test/editors/neovim.test.ts:
--   FLAGLENS_SERVER=dist/server.js FLAGLENS_ROOT=/path/to/project \
--     nvim --headless -u test/editors/nvim/init.lua FILE -c 'luafile test/editors/nvim/check.lua'
-- Written for Neovim 0.7.2 (Debian bookworm): vim.lsp.start and vim.fs need 0.8, so this uses
-- vim.lsp.start_client + vim.lsp.buf_attach_client.

vim.o.swapfile = false
vim.o.shadafile = "NONE"
vim.cmd("filetype on")

local server = os.getenv("FLAGLENS_SERVER")
local root = os.getenv("FLAGLENS_ROOT")
if not server or server == "" or not root or root == "" then
  io.stderr:write("init.lua: set FLAGLENS_SERVER (path to dist/server.js) and FLAGLENS_ROOT (project folder)\n")
  vim.cmd("cquit")
end

vim.lsp.set_log_level(os.getenv("FLAGLENS_LSP_LOG_LEVEL") or "WARN")

-- The id of the one client, shared by every YAML buffer.
local client_id = nil

local function attach(bufnr)
  if not client_id then
    client_id = vim.lsp.start_client({
      name = "flaglens",
      cmd = { os.getenv("FLAGLENS_NODE") or "node", server, "--stdio" },
      root_dir = root,
      on_exit = function(code, signal)
        if code ~= 0 then
          io.stderr:write(string.format("init.lua: flaglens server exited with code %d, signal %d\n", code, signal))
        end
      end,
    })
    if not client_id then
      io.stderr:write("init.lua: vim.lsp.start_client failed\n")
      return
    end
    vim.g.flaglens_client_id = client_id
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "yaml",
  callback = function(args)
    attach(args.buf)
  end,
})
