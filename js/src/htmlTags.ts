// The standard HTML and SVG element names (lower case), as Gradio's Chatbot counts them for
// `allow_tags=True`: any other tag in a message (<thinking>, <tool_call>) is shown as text.

export const STANDARD_TAGS: ReadonlySet<string> = new Set(`
a abbr acronym address animate animatemotion animatetransform applet area article aside audio b base
basefont bdi bdo big blockquote body br button canvas caption center circle cite clippath code col colgroup
cursor data datalist dd defs del desc details dfn dialog dir div dl dt ellipse em embed feblend
fecolormatrix fecomponenttransfer fecomposite feconvolvematrix fediffuselighting fedisplacementmap
fedistantlight feflood fefunca fefuncb fefuncg fefuncr fegaussianblur femerge femergenode femorphology
feoffset fepointlight fespecularlighting fespotlight fetile feturbulence fieldset figcaption figure filter
font footer foreignobject form frame frameset g h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image
img input ins kbd label legend li line lineargradient link main map mark mask menu meta metadata meter
mpath nav noframes noscript object ol optgroup option output p param path pattern picture polygon polyline
pre progress q radialgradient rect rp rt ruby s samp script search section select set small source span
stop strike strong style sub summary sup svg switch symbol table tbody td template text textarea textpath
tfoot th thead time title tr track tspan tt u ul use var video view wbr
`.split(/\s+/).filter(Boolean));
