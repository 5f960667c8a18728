-- Corpus Lens in Neovim's built-in LSP client (headless). Run by test/editors/run.mjs:
--   CL_SERVER=/abs/dist/server.js CL_SEEDS=/abs/seeds CL_OUT=/tmp/x/nvim.json \
--     nvim --headless --clean -u test/editors/neovim.lua
-- Works with Neovim 0.7 (vim.lsp.start_client + buf_attach_client; vim.lsp.start is 0.8+).
-- Writes what the editor received (and what it made of it) as JSON to CL_OUT, then quits;
-- the runner checks it.

local server = assert(vim.env.CL_SERVER, 'CL_SERVER')
local seeds = assert(vim.env.CL_SEEDS, 'CL_SEEDS')
local out_file = assert(vim.env.CL_OUT, 'CL_OUT')
local article = seeds .. '/000_552278f0a494b428.txt'

local out = { version = vim.version(), statuses = {}, messages = {}, log = {} }

local function write_out()
  local f = assert(io.open(out_file, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
end

-- ---- The set-up docs/editors.md shows (Neovim 0.7+): one client, attached to every text buffer.
vim.cmd('filetype plugin indent on')
local indexed = false
local client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'text',
  callback = function(args)
    client_id = client_id or vim.lsp.start_client({
      name = 'corpus-lens',
      cmd = { 'node', server, '--stdio' },
      root_dir = seeds,
      workspace_folders = { { uri = vim.uri_from_fname(seeds), name = 'seeds' } },
      -- Initialization options: the server's settings (see docs/editors.md).
      init_options = { latinInlayHints = true, storagePath = vim.env.CL_STORAGE },
      handlers = {
        -- The server's indexing status (a custom notification).
        ['corpusLens/status'] = function(_, result)
          table.insert(out.statuses, { indexing = result.indexing, articles = result.articles, entities = result.entities, done = result.done, total = result.total })
          if result.indexing == false and (result.articles or 0) > 0 then indexed = true end
        end,
        ['window/showMessage'] = function(_, result) table.insert(out.messages, result) end,
        ['window/logMessage'] = function(_, result) table.insert(out.log, result.message) end,
      },
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})
-- ---- end of the set-up

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(article))
  local bufnr = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[bufnr].filetype
  out.client_id = client_id
  assert(client_id, 'no client started for the FileType text buffer')
  out.attached = vim.lsp.buf_is_attached(bufnr, client_id)

  local client
  out.initialized = vim.wait(20000, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end, 50)
  assert(out.initialized, 'the server did not initialize')
  out.offset_encoding = client.offset_encoding
  local caps = client.config.capabilities or vim.lsp.protocol.make_client_capabilities()
  out.hover_content_format = caps.textDocument and caps.textDocument.hover and caps.textDocument.hover.contentFormat
  out.did_change_configuration = caps.workspace and caps.workspace.didChangeConfiguration
  out.server_capabilities = client.server_capabilities or client.resolved_capabilities

  out.indexed = vim.wait(90000, function() return indexed end, 50)

  -- The cursor on «لافروف» in the line with «قال لافروف».
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local lnum, byte
  for i, l in ipairs(lines) do
    local s = l:find('قال لافروف', 1, true)
    if s then lnum, byte = i, s + #'قال ' ; break end
  end
  assert(lnum, 'no line with «قال لافروف»')
  vim.api.nvim_win_set_cursor(0, { lnum, byte - 1 })
  -- The editor's own conversion of the cursor to an LSP position (UTF-16 with this server).
  local pos = vim.lsp.util.make_position_params(0, client.offset_encoding).position
  out.position = pos
  local _, utf16 = vim.str_utfindex(lines[lnum], byte - 1)
  out.position_utf16_check = utf16

  local uri = vim.uri_from_bufnr(bufnr)
  local function request(method, params)
    local res, err = client.request_sync(method, params, 20000, bufnr)
    if not res then return { error = tostring(err) } end
    if res.err then return { error = res.err } end
    return { result = res.result }
  end

  local refs = request('textDocument/references', {
    textDocument = { uri = uri }, position = pos, context = { includeDeclaration = true },
  })
  out.references = refs
  if refs.result then
    -- What the quickfix list would show (Neovim converts UTF-16 columns to byte columns).
    local items = vim.lsp.util.locations_to_items(refs.result, client.offset_encoding)
    out.reference_items = {}
    for _, it in ipairs(items) do
      local text = vim.fn.readfile(it.filename)[it.lnum] or ''
      table.insert(out.reference_items, { filename = it.filename, lnum = it.lnum, col = it.col, line = text })
    end
  end

  out.hover = request('textDocument/hover', { textDocument = { uri = uri }, position = pos })
  out.document_symbols = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
  out.workspace_symbols = request('workspace/symbol', { query = 'lavrov' })
  -- An initialization option at work: latinInlayHints (off by default) gives Latin names.
  out.inlay_hints = request('textDocument/inlayHint', {
    textDocument = { uri = uri }, range = { start = { line = 0, character = 0 }, ['end'] = { line = #lines, character = 0 } },
  })

  -- The server's own requests (what the VS Code sidebar and search use), from Neovim.
  local custom = {}
  local people = request('corpusLens/entities', { type = 'person', sort = 'mentions', filter = 'lavrov' })
  custom.entities = people
  local id = people.result and people.result[1] and people.result[1].id
  if id then
    custom.entity = request('corpusLens/entity', { id = id })
    custom.entityArticles = request('corpusLens/entityArticles', { id = id, limit = 10 })
    custom.articleMentions = request('corpusLens/articleMentions', { id = id, uri = uri })
    custom.mentions = request('corpusLens/mentions', { id = id })
  end
  custom.search = request('corpusLens/search', { query = 'lavrov' })
  custom.articles = request('corpusLens/articles', vim.empty_dict())
  custom.articlesOfMonth = request('corpusLens/articles', { year = '2025', month = '2025-12' })
  custom.entityMarks = request('corpusLens/entityMarks', { uri = uri })
  out.custom = custom

  -- Settings changed later: workspace/didChangeConfiguration with a corpusLens section.
  out.messages_before_settings = #out.messages
  indexed = false
  client.config.settings = { corpusLens = { maxReferences = 5 } }
  client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  out.reindexed = vim.wait(30000, function() return indexed end, 50)
  out.references_limited = request('textDocument/references', {
    textDocument = { uri = uri }, position = pos, context = { includeDeclaration = true },
  })

  -- A discovered name adopted through its quick fix (CL_ADOPT, the second run, after the saved
  -- index was checked): the server has Neovim apply its edit of the workspace catalog, to a
  -- buffer left unsaved (:qa! drops it), and reads the catalog as edited at once.
  if vim.env.CL_ADOPT then
    local adopt = {}
    local name = 'مؤيد شعبان'
    local at
    for i, l in ipairs(lines) do
      local s = l:find(name, 1, true)
      if s then at = { i, s + 1 } break end
    end
    assert(at, 'no line with «' .. name .. '»')
    vim.api.nvim_win_set_cursor(0, at)
    -- The code action menu, answered as a user would: the action that adds the name.
    vim.ui.select = function(items, _, on_choice)
      adopt.titles = {}
      local chosen
      for _, item in ipairs(items) do
        table.insert(adopt.titles, item[2].title)
        if not chosen and item[2].title:find('^Add') then chosen = item end
      end
      on_choice(chosen)
    end
    vim.lsp.buf.code_action()
    local catalog = seeds .. '/.corpus-lens/catalog.json'
    local function catalog_text()
      local buf = vim.fn.bufnr(catalog)
      if buf < 0 or not vim.api.nvim_buf_is_loaded(buf) then return '' end
      return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
    end
    adopt.applied = vim.wait(20000, function() return catalog_text() ~= '' end, 50)
    adopt.catalog = catalog_text()
    adopt.modified = vim.fn.bufnr(catalog) > 0 and vim.bo[vim.fn.bufnr(catalog)].modified
    adopt.on_disk = vim.fn.filereadable(catalog) == 1
    local ok, parsed = pcall(vim.fn.json_decode, adopt.catalog)
    local id = ok and type(parsed) == 'table' and parsed.entities and parsed.entities[1] and parsed.entities[1].id
    if id then
      adopt.linked = vim.wait(30000, function()
        local r = request('corpusLens/entity', { id = id })
        return type(r.result) == 'table'
      end, 100)
      adopt.entity = request('corpusLens/entity', { id = id })
      adopt.discovered = request('corpusLens/entity', { id = 'discovered:مويد-شعبان' })
    end
    out.adopt = adopt
  end

  -- A clean exit: shutdown + exit, as :qa does.
  client.stop()
  vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
  out.stopped = vim.lsp.client_is_stopped(client_id)
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  nested = true, -- so that :edit in it runs the filetype autocommands
  callback = function()
    local ok, err = xpcall(main, debug.traceback)
    if not ok then out.script_error = tostring(err) end
    write_out()
    vim.cmd('qa!')
  end,
})
