// The .neuro language, version 1.
//
// Regenerate the C# parser with `grammar/generate` after editing this file; a test fails
// while the committed parser is stale (it compares a hash of this file).
//
// Layout rules the grammar relies on:
//  * Statements need no separator: every declaration starts with a keyword or a name followed
//    by '=' / '+=' / '/', and an expression ends where no operator follows. ';' is allowed.
//  * A number followed on the same line by a word is a quantity (`20 ms`, `-65 mV`, `5ms`).
//    The word is checked as a unit by the binder; a keyword is never a unit (`0.5 or`).
//    A power right after the unit applies to the unit alone, as in Brian2's `20000*umetre**2`:
//    `20000 um**2` is 20000 square micrometres, `(20000 um)**2` the square of 20000 um. The
//    parse tree is the ordinary power of a quantity; the syntax tree builder gives the power to
//    the unit when its left side is a quantity written without parentheses (a rule of its own
//    here would be ambiguous with powerExpr and cost ANTLR a full-context prediction each time).
//    A bare unit name in an expression (`mV/ms`) is an ordinary name that resolves to the
//    unit when nothing else has that name.
grammar Neuro;

// ---------------------------------------------------------------------------------------
// Files and declarations

file
    : declaration* EOF
    ;

// A lone expression, as given on the command line (`--set tau=10ms`).
expressionOnly
    : expr EOF
    ;

declaration
    : IMPORT STRING SEMI?                                                    #importDecl
    | MODEL name=IDENT LBRACE (setting SEMI?)* RBRACE                        #modelDecl
    | PARAM IDENT ASSIGN expr SEMI?                                          #globalParamDecl
    | SIGNALS LBRACE (member SEMI?)* RBRACE                                  #signalsDecl
    | NEURON name=IDENT LBRACE (member SEMI?)* RBRACE                        #neuronDecl
    | NEURON name=IDENT ASSIGN base=IDENT (LBRACE (setting SEMI?)* RBRACE)?  #neuronVariantDecl
    | SYNAPSE name=IDENT LBRACE (member SEMI?)* RBRACE                       #synapseDecl
    | SYNAPSE name=IDENT ASSIGN base=IDENT (LBRACE (setting SEMI?)* RBRACE)? #synapseVariantDecl
    | POPULATION name=IDENT ASSIGN type=IDENT LBRACK size=expr RBRACK
        (LBRACE (setting SEMI?)* RBRACE)?                                    #populationDecl
    | PROJECTION name=IDENT ASSIGN source=popRef ARROW target=popRef COLON synapse=IDENT
        (LBRACE (projectionMember SEMI?)* RBRACE)?                           #projectionDecl
    | STIMULUS name=IDENT ASSIGN call ARROW targetList
        (LBRACE (setting SEMI?)* RBRACE)?                                    #stimulusDecl
    | PROTOCOL LBRACE (protocolItem SEMI?)* RBRACE                           #protocolDecl
    | RECORD kind=IDENT popRef (COMMA popRef)* (EVERY expr)? SEMI?           #recordGroupDecl
    | RECORD variableRef (COMMA variableRef)* (EVERY expr)? SEMI?            #recordTraceDecl
    | SPREAD source=IDENT ARROW target=IDENT
        (LBRACE (setting SEMI?)* RBRACE)?                                    #spreadDecl
    | TASK name=IDENT AT time=expr FOR duration=expr COLON
        target=popRef GT reference=popRef SEMI?                              #taskDecl
    ;

setting
    : IDENT ASSIGN expr
    ;

// Members of neuron and synapse types. Which members a type may hold is the binder's business,
// so a misplaced member gets a clear diagnostic instead of a parse error.
member
    : PARAM IDENT (ASSIGN expr)?                                             #paramMember
    | STATE IDENT ASSIGN expr                                                #stateMember
    | LET IDENT ASSIGN expr                                                  #letMember
    | d=IDENT SLASH dt=IDENT ASSIGN expr (COLON flag=IDENT)?                 #odeMember
    | METHOD IDENT                                                           #methodMember
    | THRESHOLD expr                                                         #thresholdMember
    | RESET block                                                            #resetMember
    | REFRACTORY expr (CLAMP IDENT (COMMA IDENT)*)?                          #refractoryMember
    | ON_PRE block                                                           #onPreMember
    | ON_POST block                                                          #onPostMember
    | EVERY expr block                                                       #everyMember
    | PRUNE EVERY expr WHEN expr                                             #pruneMember
    | GROW EVERY expr WHEN expr                                              #growMember
    ;

projectionMember
    : CONNECT expr                                                           #connectMember
    | setting                                                                #projectionSetting
    ;

block
    : LBRACE (statement SEMI?)* RBRACE
    ;

statement
    : variableRef op=(ASSIGN | PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN) expr
    ;

// ---------------------------------------------------------------------------------------
// Protocols

protocolItem
    : SEGMENT name=IDENT duration=expr (LBRACE (action SEMI?)* RBRACE)?     #segmentItem
    | AT time=expr (LBRACE (action SEMI?)* RBRACE | action)                  #atItem
    ;

action
    : SET variableRef ASSIGN expr (FOR expr)?                                #setAction
    | SILENCE popRef (FOR expr)?                                             #silenceAction
    | variableRef op=(PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN) expr  #kickAction
    ;

// ---------------------------------------------------------------------------------------
// References to populations, slices and their variables

popRef
    : IDENT (LBRACK slice RBRACK)?
    ;

// Each choice here is made on one token (an expression, or ':'): a choice made after an expression
// would make ANTLR look through the whole expression first, however deeply it nests.
slice
    : start=expr (COLON stop=expr?)?                                         #startSlice
    | COLON stop=expr?                                                       #openSlice
    ;

// `v`, `post.v`, `E.v`, `E[0:10].v`, `drive.rate`
variableRef
    : popRef (DOT IDENT)?
    ;

targetList
    : variableRef (COMMA variableRef)*
    ;

// ---------------------------------------------------------------------------------------
// Expressions (earlier alternatives bind tighter)

expr
    : LPAREN expr RPAREN                                                     #parenExpr
    | call                                                                   #callExpr
    | expr DOT IDENT                                                         #memberExpr
    | <assoc = right> expr op=POW expr                                       #powerExpr
    | op=(MINUS | PLUS | NOT) expr                                           #unaryExpr
    | expr op=(STAR | SLASH | PERCENT) expr                                  #multiplicativeExpr
    | expr op=(PLUS | MINUS) expr                                            #additiveExpr
    | expr op=(LT | LE | GT | GE | EQ | NE) expr                             #comparisonExpr
    | expr op=AND expr                                                       #andExpr
    | expr op=OR expr                                                        #orExpr
    | LBRACK (expr (COMMA expr)*)? RBRACK                                    #listExpr
    | QUANTITY                                                               #quantityExpr
    | NUMBER                                                                 #numberExpr
    | (TRUE | FALSE)                                                         #boolExpr
    | STRING                                                                 #stringExpr
    | IDENT                                                                  #nameExpr
    ;

call
    : IDENT LPAREN (argument (COMMA argument)*)? RPAREN
    ;

argument
    : (IDENT ASSIGN)? expr
    ;

// ---------------------------------------------------------------------------------------
// Lexer

IMPORT      : 'import';
MODEL       : 'model';
PARAM       : 'param';
STATE       : 'state';
LET         : 'let';
NEURON      : 'neuron';
SYNAPSE     : 'synapse';
POPULATION  : 'population';
PROJECTION  : 'projection';
STIMULUS    : 'stimulus';
PROTOCOL    : 'protocol';
RECORD      : 'record';
SIGNALS     : 'signals';
METHOD      : 'method';
THRESHOLD   : 'threshold';
RESET       : 'reset';
REFRACTORY  : 'refractory';
CLAMP       : 'clamp';
ON_PRE      : 'on_pre';
ON_POST     : 'on_post';
CONNECT     : 'connect';
SEGMENT     : 'segment';
AT          : 'at';
SET         : 'set';
SILENCE     : 'silence';
FOR         : 'for';
EVERY       : 'every';
WHEN        : 'when';
PRUNE       : 'prune';
GROW        : 'grow';
SPREAD      : 'spread';
TASK        : 'task';
TRUE        : 'true';
FALSE       : 'false';
AND         : 'and' | '&&';
OR          : 'or' | '||';
NOT         : 'not' | '!';

ARROW        : '->';
PLUS_ASSIGN  : '+=';
MINUS_ASSIGN : '-=';
STAR_ASSIGN  : '*=';
SLASH_ASSIGN : '/=';
POW          : '**' | '^';
LE           : '<=';
GE           : '>=';
EQ           : '==';
NE           : '!=';
LT           : '<';
GT           : '>';
ASSIGN       : '=';
PLUS         : '+';
MINUS        : '-';
STAR         : '*';
SLASH        : '/';
PERCENT      : '%';
LPAREN       : '(';
RPAREN       : ')';
LBRACE       : '{';
RBRACE       : '}';
LBRACK       : '[';
RBRACK       : ']';
COMMA        : ',';
COLON        : ':';
SEMI         : ';';
DOT          : '.';

// A number and a unit word on the same line: `20 ms`, `0.1nS`, `1e3 Hz`.
QUANTITY : NUMBER_FRAGMENT [ \t]* UNIT_WORD;
NUMBER   : NUMBER_FRAGMENT;
STRING   : '"' ~["\r\n]* '"';
// A string without its closing quote, so the parser can say so instead of rejecting a lone '"'.
UNTERMINATED_STRING : '"' ~["\r\n]*;
IDENT    : [a-zA-Z_] [a-zA-Z0-9_]*;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
WS            : [ \t\r\n]+ -> channel(HIDDEN);

// Anything else becomes one token the parser rejects with a diagnostic (never a lexer crash).
UNKNOWN_CHAR : .;

fragment NUMBER_FRAGMENT
    : [0-9]+ ('.' [0-9]*)? EXPONENT?
    | '.' [0-9]+ EXPONENT?
    ;
fragment EXPONENT  : [eE] [+-]? [0-9]+;
fragment UNIT_WORD : [a-zA-Z\u00B5\u03BC\u03A9] [a-zA-Z0-9\u00B5\u03BC\u03A9]*;
