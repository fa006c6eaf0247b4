// The slugs of MDN's glossary entries that have search keywords (search-keywords.ts), few enough to load
// wherever pages are indexed: the keywords themselves are loaded only when a page being indexed has some.

import { slugKey } from "../text/fold.js";

/** The locales that have search keywords, each for every slug below. */
export const KEYWORD_LOCALES: readonly string[] = ["en-US", "fr"];

/** The slugs (without their `Glossary/` prefix) that have search keywords, separated by spaces. */
const KEYWORD_SLUGS =
  "Abstraction Accent Accessibility Accessibility_tree Accessible_description Accessible_name Adobe_Flash " +
  "Advance_measure AJAX Algorithm Alignment_Container Alignment_Subject Alpha ALPN API Apple_Safari " +
  "Application_context Argument ARIA ARPA Arpanet Array ASCII Aspect_ratio Asynchronous ATAG Attribute " +
  "Authentication Authenticator Bandwidth Base64 Baseline Baseline/Compatibility Baseline/Typography " +
  "BCP_47_language_tag Beacon Bezier_curve bfcache BiDi BigInt Binding Bitwise_flags Blink blink_element " +
  "Block Block-level_content Block/CSS Block/Scripting Block_cipher_mode_of_operation Boolean Boolean/ARIA " +
  "Boolean/HTML Boolean/JavaScript Bounding_box Breadcrumb Brotli_compression Browser Browsing_context " +
  "Buffer Bun Cache Cacheable CalDAV Call_stack Callback_function Camel_case Canonical_order Canvas " +
  "Card_sorting CardDAV Caret CDN Certificate_authority Certified Challenge Character Character_encoding " +
  "Character_reference Character_set Chrome CIA Cipher Cipher_suite Ciphertext Class Closure Cloud " +
  "Cloud_computing CLS CMS Code_point Code_splitting Code_unit Codec Color_space Color_wheel Compile " +
  "Compile_time Composite_operation Compression_dictionary_transport Computer_Programming Conditional " +
  "Constant Constructor Content_header Continuous_integration Continuous_Media Control_flow Cookie Copyleft " +
  "CORS CORS-safelisted_request_header CORS-safelisted_response_header Crawler Credential CRLF " +
  "Cross-site_scripting Cross_Axis CRUD Cryptanalysis Cryptography CSP CSR CSRF CSS CSS_Descriptor " +
  "CSS_pixel CSS_preprocessor CSS_Selector CSSOM Data_structure Database Debounce Decryption Deep_copy " +
  "Delta Denial_of_Service Deno Deserialization Developer_Tools Device_pixel Digital_certificate " +
  "Digital_signature Distributed_Denial_of_Service DMZ DNS Doctype Document_directive Document_environment " +
  "DOM Domain Domain_name Domain_sharding Dominator DSL DSL/Digital_subscriber_line " +
  "DSL/Domain_specific_language DTLS DTMF Dynamic_typing ECMA ECMAScript Effective_connection_type Element " +
  "Encapsulation Encryption Endianness Engine Engine/JavaScript Engine/Rendering Entity Entity_header " +
  "Enumerated Escape_character Event Exception EXIF Expando Extrinsic_size Fallback_Alignment Falsy Favicon " +
  "Federated_identity Fetch_directive Fetch_metadata_request_header Fingerprinting Firefox_OS Firewall " +
  "First-class_Function First_contentful_paint First_CPU_idle First_input_delay First_meaningful_paint " +
  "First_paint Flex Flex_Container Flex_Item Flexbox Flow_relative_values Forbidden_request_header " +
  "Forbidden_response_header_name Fork FPS Fragmentainer FTP FTU Function Fuzzing Gamut Garbage_collection " +
  "Gecko General_header GIF Git Global_object Global_scope Global_variable Glyph Google_Chrome GPL GPU " +
  "Graceful_degradation Grid Grid_Areas Grid_Axis Grid_Cell Grid_Column Grid_Container Grid_Lines Grid_Row " +
  "Grid_Tracks guaranteed_invalid_value Gutters gzip_compression Hash_function Hash_routing Head " +
  "Head_of_line_blocking High-level_programming_language HMAC Hoisting Host Hotlink Houdini HPKP HSTS HTML " +
  "HTML5 html_color_codes HTTP HTTP_2 HTTP_3 HTTP_Content HTTP_header HTTPS HTTPS_RR Hyperlink Hypertext " +
  "IANA ICANN ICE IDE Idempotent Identifier Identity_provider IDL IETF IIFE IMAP Immutable IndexedDB " +
  "Information_architecture Inheritance Ink_overflow Inline-level_content Input_method_editor " +
  "Inset_properties Instance Interaction_to_next_paint Internationalization Internet Interpolation " +
  "Intrinsic_Size Invariant IP_Address IPv4 IPv6 IRC ISO ISP ITU Jank Java JavaScript Jitter JPEG JSON " +
  "JSON_type_representation Just_In_Time_Compilation Kebab_case Key Keyword Khronos " +
  "Largest_contentful_paint Latency Layout_mode Layout_viewport Lazy_load Leading LGPL Ligature Literal " +
  "Local_scope Local_variable Locale Localization Logical_properties Long_task Loop Lossless_compression " +
  "Lossy_compression LTR Main_Axis Main_thread Markup MathML Media Media/Audio-visual_presentation " +
  "Media/CSS Media_query Metadata Method Microsoft_Edge Microsoft_Internet_Explorer Middleware MIME " +
  "MIME_type Minification MitM Mixin Mobile_First Modem Modularity Mozilla_Firefox " +
  "Multi-factor_authentication Mutable MVC Namespace NaN NAT Native Navigation_directive Netscape_Navigator " +
  "Network_throttling NNTP Node Node.js Node/DOM Node/networking Non-normative Nonce Normative Null Nullish " +
  "Number Object Object_reference OOP OpenGL OpenSSL Opera_Browser Operand Operator Origin OTA OWASP P2P " +
  "PAC Packet Page_load_time Page_prediction Parameter Parent_object Parse Parser Payload_body " +
  "Payload_header PDF Perceived_performance Percent-encoding PHP Physical_properties Pixel " +
  "Placeholder_names Plaintext Plugin PNG Polyfill Polymorphism POP Port Prefetch Preflight_request " +
  "Prerender Presto Primitive Principle_of_least_privilege Privileged Privileged_code " +
  "Progressive_Enhancement Progressive_web_apps Promise Property Property/CSS Property/JavaScript Protocol " +
  "Prototype Prototype-based_programming Proxy_server Pseudo-class Pseudo-element Pseudocode " +
  "Public-key_cryptography Python Quality_values Quaternion QUIC RAIL Raster_image Rate_limit RDF " +
  "Reading_order Real_User_Monitoring Recursion Reflow Registrable_domain Regular_expression Relying_party " +
  "Render_blocking Repaint Replaced_elements Replay_attack Repo Reporting_directive Representation_header " +
  "Request_header Resource_Timing Response_header Responsive_web_design REST RGB RIL RNG Robots.txt " +
  "Round_Trip_Time Router RSS Rsync RTCP RTF RTL RTP RTSP Ruby Safe Safe/HTTP Salt Same-origin_policy SCM " +
  "Scope Screen_reader Script-supporting_element Scroll_boundary Scroll_chaining Scroll_container " +
  "Scroll_snap SCTP SDK SDP Search_engine Secure_Context Semantics SEO Serializable_object Serialization " +
  "Server Server_Timing Session_Hijacking SGML Shadow_tree Shallow_copy Shim Signature Signature/Function " +
  "Signature/Security SIMD SISD Site Site_map SLD Sloppy_mode Slug Smoke_Test SMPTE SMTP Snake_case " +
  "Snap_positions SOAP Social_engineering Source_map SPA Specification Speculative_parsing Speed_index SQL " +
  "SQL_Injection SRI SSG SSL SSR Stacking_context State_machine Statement Static_method Static_typing " +
  "Sticky_activation Strict_mode String Stringifier STUN Style_origin Stylesheet Submit_button SVG SVN " +
  "Symbol Symmetric-key_cryptography Synchronous Syntax Syntax_error Synthetic_monitoring Table_Grid_Box " +
  "Table_Wrapper_Box Tag TCP TCP_handshake TCP_slow_start Telnet Texel Thread Three_js Throttle " +
  "Time_to_first_byte Time_to_interactive TLD TLS TOFU Top_layer Transient_activation Tree_shaking Trident " +
  "Truthy TTL TURN Type Type_coercion Type_Conversion TypeScript UAAG UDP UI Undefined Unicode Unix_time " +
  "URI URL URN Usenet User_agent UTF-16 UTF-8 UUID UX Validator Value Variable Vendor_Prefix Viewport " +
  "Visual_Viewport Void_element VoIP W3C WAI WCAG Web_performance Web_server Web_standards WebAssembly " +
  "WebDAV WebExtensions WebGL WebIDL WebKit WebM WebP WebRTC WebSockets WebVTT WHATWG Whitespace " +
  "WindowProxy World_Wide_Web Wrapper XForms XHTML XInclude XLink XML XMLHttpRequest XPath XQuery XSLT " +
  "Zstandard_compression";

let keys: Set<string> | undefined;

/** Whether the entry of `slug` in `locale` has search keywords (see search-keywords.ts). */
export function hasSearchKeywords(locale: string, slug: string): boolean {
  if (!KEYWORD_LOCALES.includes(locale)) return false;
  keys ??= new Set(KEYWORD_SLUGS.split(" ").map((name) => slugKey(`Glossary/${name}`)));
  return keys.has(slugKey(slug));
}
