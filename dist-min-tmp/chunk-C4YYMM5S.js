import{createBasicStrategy as a}from"./chunk-MT74YRNK.js";var e=(t,i,{requestTimeoutMs:r,secrets:o})=>a(t,{timeoutMs:r,secrets:o});export{e as basicFactory};
